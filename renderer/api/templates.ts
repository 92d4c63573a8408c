import { z } from 'zod';
import { TemplateSchema, type Template, type TemplateCreate, type TemplatePatch } from '../../core';
import { requestJson } from './json-request';

const CreatedSchema = z.object({ id: z.string(), version: z.number() });

/** Writing answer templates (online only: the server keeps them, consoles replicate them). */
export type TemplatesApi = {
  createTemplate(input: TemplateCreate): Promise<{ id: string; version: number }>;
  /** `expectedVersion`: the version edited; the server refuses (409) when someone changed it since. */
  updateTemplate(id: string, patch: TemplatePatch, expectedVersion: number): Promise<Template>;
  deleteTemplate(id: string): Promise<void>;
};

export function createTemplatesApi({ serverUrl, token }: { serverUrl: string; token: string }): TemplatesApi {
  const path = (id: string) => `/api/templates/${encodeURIComponent(id)}`;
  return {
    createTemplate: (input) => requestJson({ serverUrl, token, method: 'POST', path: '/api/templates', body: input }, CreatedSchema),
    updateTemplate: (id, patch, expectedVersion) =>
      requestJson({ serverUrl, token, method: 'PATCH', path: path(id), body: patch, headers: { 'if-match': String(expectedVersion) } }, TemplateSchema),
    deleteTemplate: async (id) => {
      await requestJson({ serverUrl, token, method: 'DELETE', path: path(id) }, z.unknown());
    },
  };
}
