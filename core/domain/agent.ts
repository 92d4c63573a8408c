import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../auth/password-rules';
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

/**
 * A new agent. The password's strength (length, common passwords) is judged by
 * core/auth/password-policy.ts, which the server applies after this schema: the policy carries a
 * dictionary that this module, shared with the console's main bundle, must not load.
 */
export const NewAgentSchema = z.object({
  email: EmailSchema,
  name: z.string().trim().min(1).max(120),
  password: z.string().min(1, 'a password is required').max(PASSWORD_MAX_LENGTH, `the password must have at most ${PASSWORD_MAX_LENGTH} characters`),
  role: RoleSchema,
  level: LevelSchema,
});
export type NewAgent = z.infer<typeof NewAgentSchema>;

/** A TOTP code as authenticator apps show it: six digits (spaces people type are dropped). */
export const TotpCodeSchema = z
  .string()
  .transform((code) => code.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'a code has six digits'));

/** A one-time recovery code (xxxx-xxxx-xxxx-xxxx); case, spaces and dashes do not matter. */
export const RecoveryCodeSchema = z
  .string()
  .max(40)
  .transform((code) => code.replace(/[\s-]+/g, '').toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9]{16}$/, 'a recovery code has 16 letters and digits'));

/**
 * Sign-in. Passwords up to 200 characters are accepted here (accounts made before the 128
 * maximum keep signing in). An agent with a second factor sends the same request again with
 * `totp` or `recoveryCode` after the server answered `totp_required`.
 */
export const LoginSchema = z
  .object({
    email: EmailSchema,
    password: z.string().min(1).max(200),
    totp: TotpCodeSchema.optional(),
    recoveryCode: RecoveryCodeSchema.optional(),
  })
  .refine((login) => login.totp === undefined || login.recoveryCode === undefined, 'send either totp or recoveryCode, not both');

/** Supervisors and admins may act on any ticket and assign work to others. */
export function canManageAssignments(actor: Pick<Actor, 'role'>): boolean {
  return actor.role === 'supervisor' || actor.role === 'admin';
}
