import { z } from 'zod';
import { RecoveryCodeSchema, RoleSchema, TotpCodeSchema } from '../domain/agent';
import { EmailSchema, IdSchema, LevelSchema, TimestampSchema } from '../domain/common';
import { PASSWORD_MAX_LENGTH } from './password-rules';
import { SIGNATURE_PLACEHOLDERS, unknownPlaceholders } from '../workflow/placeholders';

/**
 * The account and sign-in endpoints' bodies and answers, shared by the server (which validates
 * what it receives) and the console (which validates what it is answered).
 */

/** A password as typed when proving who one is: up to 200 characters, as accounts made before the 128 maximum may have. */
const CurrentPasswordSchema = z.string().min(1, 'a password is required').max(200);
/** A new password's bounds; its strength is judged by core/auth/password-policy.ts. */
const NewPasswordSchema = z.string().min(1, 'a new password is required').max(PASSWORD_MAX_LENGTH, `the password must have at most ${PASSWORD_MAX_LENGTH} characters`);

export const ChangePasswordSchema = z.object({ currentPassword: CurrentPasswordSchema, newPassword: NewPasswordSchema }).strict();
export const ResetPasswordSchema = z.object({ newPassword: NewPasswordSchema }).strict();
/** Confirms enrolment or regenerates recovery codes: a current code of the authenticator app. */
export const TwoFactorCodeSchema = z.object({ code: TotpCodeSchema }).strict();
/** Turning the second factor off needs both the password and a code: a TOTP code or a recovery code. */
export const DisableTwoFactorSchema = z
  .object({
    password: CurrentPasswordSchema,
    code: z.string().max(40).refine((code) => TotpCodeSchema.safeParse(code).success || RecoveryCodeSchema.safeParse(code).success, 'expected a six-digit code or a recovery code'),
  })
  .strict();

/** Why a sign-in with the right password still needs another request (401 `code`). */
export const SECOND_FACTOR_CODES = ['totp_required', 'totp_invalid'] as const;
export type SecondFactorCode = (typeof SECOND_FACTOR_CODES)[number];

export const SignedInAgentSchema = z.object({ id: IdSchema, name: z.string(), email: EmailSchema, role: RoleSchema, level: LevelSchema });

export const LoginAnswerSchema = z.object({
  token: z.string().min(1),
  agent: SignedInAgentSchema,
  /** The password used fails today's policy: the console asks the agent to change it. */
  passwordChangeRequired: z.boolean(),
  /** TIERDESK_REQUIRE_2FA: this admin has no second factor; the session may only enrol one. */
  secondFactorSetupRequired: z.boolean(),
});
export type LoginAnswer = z.infer<typeof LoginAnswerSchema>;

/** One of the agent's live sessions; `id` names it without being (or revealing) its token. */
export const AccountSessionSchema = z.object({
  id: z.string().min(1),
  createdAt: TimestampSchema,
  lastActiveAt: TimestampSchema.nullable(),
  address: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type AccountSession = z.infer<typeof AccountSessionSchema>;

export const TwoFactorStatusSchema = z.object({ enabled: z.boolean(), recoveryCodesLeft: z.number().int().nonnegative() });
export type TwoFactorStatus = z.infer<typeof TwoFactorStatusSchema>;

export const TwoFactorSetupSchema = z.object({ secret: z.string().min(16), otpauthUrl: z.string().startsWith('otpauth://totp/') });
export type TwoFactorSetup = z.infer<typeof TwoFactorSetupSchema>;

export const RECOVERY_CODE_COUNT = 10;
export const RecoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()).length(RECOVERY_CODE_COUNT) });

export const SecurityEventSchema = z.object({
  id: z.number().int().positive(),
  at: TimestampSchema,
  kind: z.string(),
  agentId: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type SecurityEventView = z.infer<typeof SecurityEventSchema>;

export const SECURITY_LOG_MAX_PAGE = 200;

/** `before` is the id of the oldest entry already shown; `kind` one of the answer's `kinds`. */
export const SecurityLogQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(SECURITY_LOG_MAX_PAGE).default(50),
    before: z.coerce.number().int().positive().optional(),
    kind: z.string().regex(/^[a-z_]{1,40}$/, 'a kind is lower-case letters and underscores').optional(),
  })
  .strict();

/** Newest first; `nextBefore` pages to older entries (null: this is the oldest page); `kinds` lists what may be filtered by. */
export const SecurityLogPageSchema = z.object({
  events: z.array(SecurityEventSchema),
  nextBefore: z.number().int().positive().nullable(),
  kinds: z.array(z.string()),
});
export type SecurityLogPage = z.infer<typeof SecurityLogPageSchema>;

/** An agent's mail signature: at most 2,000 characters, only the signature placeholders (`{{agent.name}}`, `{{agent.firstName}}`, `{{agent.email}}`); empty removes it. */
export const SignatureSchema = z
  .object({ signature: z.string().max(2_000, 'a signature has at most 2,000 characters') })
  .strict()
  .superRefine(({ signature }, ctx) => {
    const unknown = unknownPlaceholders(signature, SIGNATURE_PLACEHOLDERS);
    if (unknown.length > 0) ctx.addIssue({ code: 'custom', path: ['signature'], message: `unknown placeholder ${unknown.map((name) => `{{${name}}}`).join(', ')} (known: ${SIGNATURE_PLACEHOLDERS.map((name) => `{{${name}}}`).join(', ')})` });
  });
