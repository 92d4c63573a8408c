import { randomUUID } from 'node:crypto';
import { canManageTemplate, type Agent, type Template, type TemplateCreate, type TemplatePatch } from '../../../core';
import type { Database, Executor } from '../../store/database';
import { nextCounterValue } from '../../store/counters';
import { countLiveTemplates, findTemplate, templatesOf, writeTemplate } from '../../store/templates-repository';
import { NO_CHANGES } from '../../sync/change-feed';
import type { CommitPath, Written } from '../tickets/commit-path';
import type { KnowledgeRefusal, KnowledgeResult } from './knowledge-service';

/** Bounds what one agent, or the team, keeps: every console holds all the templates it may use. */
export const PERSONAL_TEMPLATES_MAX = 200;
export const SHARED_TEMPLATES_MAX = 500;

const refuse = (reason: KnowledgeRefusal['reason'], message: string): KnowledgeRefusal => ({ ok: false, reason, message });
// A template the caller may not manage answers as missing when they may not even use it (someone else's own).
const NOT_FOUND = refuse('not_found', 'there is no such template');
const NOT_MANAGER = refuse('forbidden', 'only supervisors and admins change shared templates');

/**
 * Answer templates. Shared ones are the team's wording, kept by supervisors and admins; every
 * agent keeps personal ones. Writes go through the one commit path, which streams them to the
 * consoles that answer with them (so the composer finds them offline).
 */
export class TemplateService {
  constructor(
    private readonly database: Database,
    private readonly commits: CommitPath,
  ) {}

  /** The shared templates and the agent's own, by name. */
  async list(agent: Agent): Promise<Template[]> {
    return templatesOf(this.database.db, agent.id, SHARED_TEMPLATES_MAX + PERSONAL_TEMPLATES_MAX);
  }

  async create(agent: Agent, input: TemplateCreate): Promise<KnowledgeResult<Template>> {
    const ownerId = input.scope === 'personal' ? agent.id : null;
    if (!canManageTemplate(agent, { scope: input.scope, ownerId })) return NOT_MANAGER;
    return this.commits.commit(async (trx, now): Promise<Written<KnowledgeResult<Template>>> => {
      const max = ownerId === null ? SHARED_TEMPLATES_MAX : PERSONAL_TEMPLATES_MAX;
      if ((await countLiveTemplates(trx, ownerId)) >= max) {
        return { value: refuse('conflict', `at most ${max} ${input.scope} templates: delete one first`) };
      }
      const template: Template = {
        id: randomUUID(),
        name: input.name,
        body: input.body,
        scope: input.scope,
        ownerId,
        actions: input.actions ?? {},
        version: 1,
        createdAt: now,
        createdBy: agent.id,
        updatedAt: now,
        updatedBy: agent.id,
        deleted: false,
      };
      return this.written(trx, template);
    });
  }

  /** `expectedVersion` (If-Match) refuses an edit made over someone else's newer one. */
  async update(agent: Agent, id: string, patch: TemplatePatch, expectedVersion?: number): Promise<KnowledgeResult<Template>> {
    return this.change(agent, id, expectedVersion, (current, now) => ({ ...current, ...patch, version: current.version + 1, updatedAt: now, updatedBy: agent.id }));
  }

  async delete(agent: Agent, id: string): Promise<KnowledgeResult<Template>> {
    return this.change(agent, id, undefined, (current, now) => ({ ...current, deleted: true, version: current.version + 1, updatedAt: now, updatedBy: agent.id }));
  }

  private change(agent: Agent, id: string, expectedVersion: number | undefined, next: (current: Template, now: number) => Template): Promise<KnowledgeResult<Template>> {
    return this.commits.commit(async (trx, now): Promise<Written<KnowledgeResult<Template>>> => {
      const current = await findTemplate(trx, id);
      if (!current || (current.scope === 'personal' && current.ownerId !== agent.id)) return { value: NOT_FOUND };
      if (!canManageTemplate(agent, current)) return { value: NOT_MANAGER };
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        return { value: refuse('conflict', `the template changed meanwhile (now version ${current.version}): reload it and edit again`) };
      }
      return this.written(trx, next(current, now));
    });
  }

  private async written(trx: Executor, template: Template): Promise<Written<KnowledgeResult<Template>>> {
    const seq = await nextCounterValue(trx, 'seq');
    await writeTemplate(trx, template, seq);
    return { value: { ok: true, value: template }, change: { ...NO_CHANGES, templates: [{ doc: template, seq }] } };
  }
}
