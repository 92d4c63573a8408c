import { z } from 'zod';
import { EmailSchema } from './common';

/** Support addresses admins may add besides those of the environment (each costs a lookup per mail). */
export const SUPPORT_ADDRESSES_MAX = 200;

/**
 * Where a support address's new tickets go: a group's id, or null for the usual choice by type
 * and tags (General when nothing matches).
 */
export const SupportAddressRouteSchema = z.object({ groupId: z.string().uuid().nullable() }).strict();
export type SupportAddressRoute = z.infer<typeof SupportAddressRouteSchema>;

export const SupportAddressSchema = EmailSchema;

/** One of the desk's addresses as admins see it: set by the environment (TIERDESK_MAIL_FROM, TIERDESK_MAIL_ADDRESSES) or in the console. */
export type SupportAddressView = { address: string; groupId: string | null; source: 'env' | 'console' };

/**
 * The relay as a URL nodemailer understands: `smtp://user:pass@host:587` (STARTTLS when offered)
 * or `smtps://user:pass@host:465` (TLS from the first byte).
 */
export const RelayUrlSchema = z
  .string()
  .trim()
  .max(1_000)
  // user:pass@ optional (URL-encoded), a host name or address, an optional port and nodemailer's ?options.
  .regex(/^smtps?:\/\/(?:[^\s@/]+@)?[A-Za-z0-9.-]+(?::\d{1,5})?\/?(?:\?\S*)?$/, 'expected smtp://user:pass@host:587 or smtps://user:pass@host:465');

/**
 * What admins set in the console over the environment's values: the desk's From address and the
 * relay. null puts the environment's value back (TIERDESK_MAIL_FROM, TIERDESK_SMTP_RELAY_URL);
 * a field left out stays as it is.
 */
export const DeskMailSettingsSchema = z.object({ from: EmailSchema.nullable().optional(), relayUrl: RelayUrlSchema.nullable().optional() }).strict();
export type DeskMailSettings = z.infer<typeof DeskMailSettingsSchema>;
