import { z } from 'zod';

/** Ids are UUIDs so that clients can mint them offline without asking the server. */
export const IdSchema = z.string().uuid();

/**
 * Epoch milliseconds. Numbers (not ISO strings) because RxDB indexes and sorts them cheaply. At
 * most 10^15 (the year 33658): the bound the console's database declares, far inside a bigint.
 */
export const TIMESTAMP_MAX = 1e15;
export const TimestampSchema = z.number().int().nonnegative().max(TIMESTAMP_MAX, 'a time is epoch milliseconds, at most 10^15');

export const EmailSchema = z.string().trim().toLowerCase().email().max(254);

export const LEVELS = [1, 2, 3] as const;
export const LevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type Level = z.infer<typeof LevelSchema>;
