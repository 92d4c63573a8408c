import { z } from 'zod';
import { EmailSchema, IdSchema, LevelSchema } from './common';

export const ROLES = ['agent', 'supervisor', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const AgentSchema = z.object({
  id: IdSchema,
  email: EmailSchema,
  name: z.string().trim().min(1).max(120),
  role: RoleSchema,
  level: LevelSchema,
  active: z.boolean(),
});
export type Agent = z.infer<typeof AgentSchema>;

/** What the console and the rules need to know about whoever acts. */
export type Actor = Pick<Agent, 'id' | 'name' | 'role' | 'level'>;

export const NewAgentSchema = z.object({
  email: EmailSchema,
  name: z.string().trim().min(1).max(120),
  password: z.string().min(8, 'password must have at least 8 characters').max(200),
  role: RoleSchema,
  level: LevelSchema,
});
export type NewAgent = z.infer<typeof NewAgentSchema>;

export const LoginSchema = z.object({
  email: EmailSchema,
  password: z.string().min(1).max(200),
});

/** Supervisors and admins may act on any ticket and assign work to others. */
export function canManageAssignments(actor: Pick<Actor, 'role'>): boolean {
  return actor.role === 'supervisor' || actor.role === 'admin';
}
