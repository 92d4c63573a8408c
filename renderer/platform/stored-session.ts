import { z } from 'zod';
import { AgentSchema } from '../../core';
import type { StoredSession } from './platform';

const SESSION_KEY = 'tierdesk.session';

/** The agent fields the server returns at sign-in; validated so a tampered entry cannot crash the app. */
export const SessionAgentSchema = AgentSchema.pick({ id: true, name: true, email: true, role: true, level: true });
const StoredSessionSchema = z.object({ token: z.string().min(1), agent: SessionAgentSchema });

/**
 * Both shells keep the session in localStorage: Electron's preload offers no secure store for it
 * (see the report), and the renderer's strict CSP is what protects it from injected scripts.
 */
export function readStoredSession(storage: Storage): StoredSession | null {
  const raw = storage.getItem(SESSION_KEY);
  if (raw === null) return null;
  try {
    const parsed = StoredSessionSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeStoredSession(storage: Storage, session: StoredSession): void {
  storage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function removeStoredSession(storage: Storage): void {
  storage.removeItem(SESSION_KEY);
}
