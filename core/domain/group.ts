import { z } from 'zod';
import { IdSchema } from './common';

export const GroupSchema = z.object({
  id: IdSchema,
  name: z.string().trim().min(1).max(120),
  /** Ticket types or tags this group is competent for. */
  categories: z.array(z.string().trim().min(1).max(60)).max(50),
});
export type Group = z.infer<typeof GroupSchema>;
