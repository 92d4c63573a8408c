import type { Priority } from '../domain/ticket';
import type { z } from 'zod';
import type { TicketTypeSchema } from '../domain/ticket';

type TicketType = z.infer<typeof TicketTypeSchema>;

/**
 * The priority a new ticket starts with. Complaints are handled before routine questions;
 * contracts (a later rule) may raise it. Agents can always change it.
 */
const PRIORITY_BY_TYPE: Record<TicketType, Priority> = {
  incident: 'normal',
  service_request: 'normal',
  consultation: 'low',
  complaint: 'high',
};

export const initialPriority = (type: TicketType): Priority => PRIORITY_BY_TYPE[type];
