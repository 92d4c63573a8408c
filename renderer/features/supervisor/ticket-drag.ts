import type { DragEvent } from 'react';

/** The drag payload of a ticket card: its id, under a type only this console reads. */
export const TICKET_DRAG_TYPE = 'application/x-tierdesk-ticket';

export function startTicketDrag(event: DragEvent, ticket: { id: string; number: number }): void {
  event.dataTransfer.setData(TICKET_DRAG_TYPE, ticket.id);
  // Dropped anywhere else (a text field, another app), a card reads as its number.
  event.dataTransfer.setData('text/plain', `#${ticket.number}`);
  event.dataTransfer.effectAllowed = 'move';
}

/** Whether the drag carries a ticket (the id itself is only readable on drop). */
export function carriesTicket(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes(TICKET_DRAG_TYPE);
}

/** The dropped ticket's id, or null when something else was dropped. */
export function droppedTicketId(event: DragEvent): string | null {
  return event.dataTransfer?.getData(TICKET_DRAG_TYPE) || null;
}
