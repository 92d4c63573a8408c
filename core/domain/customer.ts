import { z } from 'zod';
import { EmailSchema } from './common';

export const RequesterSchema = z.object({
  email: EmailSchema,
  name: z.string().trim().max(120).optional(),
  /** The customer's organisation: its service contract may set its own SLA targets. */
  organization: z.string().trim().min(1).max(120).optional(),
});
export type Requester = z.infer<typeof RequesterSchema>;

export const CustomerSchema = z.object({
  id: z.string().uuid(),
  email: EmailSchema,
  name: z.string().max(120),
  organization: z.string().max(120).nullable(),
});
export type Customer = z.infer<typeof CustomerSchema>;
