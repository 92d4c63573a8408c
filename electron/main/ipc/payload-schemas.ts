import { z } from 'zod';
import { NOTIFICATION_TAG_MAX, type DESKTOP_CHANNELS, type DesktopApi } from '../../../core/desktop-api';
import { LanguageSchema, ServerUrlSchema } from '../settings';

export type DesktopMethod = keyof typeof DESKTOP_CHANNELS;

/** The one argument each desktop method accepts; methods without one accept only undefined. */
export const DESKTOP_PAYLOAD_SCHEMAS = {
  getSettings: z.undefined(),
  setServerUrl: ServerUrlSchema,
  setLanguage: LanguageSchema,
  showNotification: z.strictObject({
    title: z.string().trim().min(1).max(200),
    body: z.string().max(1000),
    tag: z.string().min(1).max(NOTIFICATION_TAG_MAX).optional(),
  }),
  setBadgeCount: z.number().int().min(0).max(9999),
  getIdleSeconds: z.undefined(),
} as const satisfies Record<DesktopMethod, z.ZodType>;

// Compile-time guard: every schema accepts what DesktopApi lets the renderer send, so a contract
// change that the schemas miss fails the typecheck instead of rejecting valid calls at run time.
type ArgumentOf<M extends keyof DesktopApi> = Parameters<DesktopApi[M]> extends [infer First, ...unknown[]] ? First : undefined;
type SchemaAcceptsApiArgument = {
  [M in DesktopMethod]: ArgumentOf<M> extends z.input<(typeof DESKTOP_PAYLOAD_SCHEMAS)[M]> ? true : false;
};
type AssertTrue<T extends true> = T;
type _EverySchemaAcceptsItsApiArgument = AssertTrue<SchemaAcceptsApiArgument[DesktopMethod] extends true ? true : false>;
