import { z } from 'zod';
import { ArticleSchema, type Article, type ArticleCreate, type ArticlePatch } from '../../core';
import { SelfServiceSettingsSchema, type SelfServiceSettings } from '../../core/knowledge';
import { requestJson } from './json-request';

const CreatedSchema = z.object({ id: z.string(), slug: z.string(), version: z.number() });
const DraftsSchema = z.object({ articles: z.array(ArticleSchema) });
const PrecedentSchema = z.object({ id: z.string(), number: z.number(), subject: z.string(), status: z.string(), fixedAt: z.number().nullable() });
export type Precedent = z.infer<typeof PrecedentSchema>;
const PrecedentsSchema = z.object({ tickets: z.array(PrecedentSchema) });

/** Writing the knowledge base (online only: articles are the server's, the console replicates the published ones). */
export type KnowledgeApi = {
  createArticle(input: ArticleCreate): Promise<{ id: string; version: number }>;
  /** `expectedVersion`: the version edited; the server refuses (409) when someone changed it since. */
  updateArticle(id: string, patch: ArticlePatch, expectedVersion: number): Promise<Article>;
  /** The article as the server has it (editors: drafts too). */
  loadArticle(id: string, signal?: AbortSignal): Promise<Article>;
  loadDrafts(signal?: AbortSignal): Promise<Article[]>;
  /** L3's queue: precedents without an article yet. */
  loadPrecedents(signal?: AbortSignal): Promise<Precedent[]>;
  /** When acknowledgements offer a public article (admins change it). */
  loadSelfService(signal?: AbortSignal): Promise<SelfServiceSettings>;
  saveSelfService(settings: SelfServiceSettings): Promise<SelfServiceSettings>;
};

export function createKnowledgeApi({ serverUrl, token }: { serverUrl: string; token: string }): KnowledgeApi {
  return {
    createArticle: (input) => requestJson({ serverUrl, token, method: 'POST', path: '/api/kb/articles', body: input }, CreatedSchema),
    updateArticle: (id, patch, expectedVersion) =>
      requestJson({ serverUrl, token, method: 'PATCH', path: `/api/kb/articles/${encodeURIComponent(id)}`, body: patch, headers: { 'if-match': String(expectedVersion) } }, ArticleSchema),
    loadArticle: (id, signal) => requestJson({ serverUrl, token, method: 'GET', path: `/api/kb/articles/${encodeURIComponent(id)}`, signal }, ArticleSchema),
    loadDrafts: async (signal) => (await requestJson({ serverUrl, token, method: 'GET', path: '/api/kb/drafts', signal }, DraftsSchema)).articles,
    loadPrecedents: async (signal) => (await requestJson({ serverUrl, token, method: 'GET', path: '/api/kb/precedents', signal }, PrecedentsSchema)).tickets,
    loadSelfService: (signal) => requestJson({ serverUrl, token, method: 'GET', path: '/api/admin/self-service', signal }, SelfServiceSettingsSchema),
    saveSelfService: (settings) => requestJson({ serverUrl, token, method: 'PUT', path: '/api/admin/self-service', body: settings }, SelfServiceSettingsSchema),
  };
}
