/**
 * `{{name.path}}` placeholders in text an agent or supervisor writes once and the desk fills in
 * each time (signatures and answer templates). A text may name only the placeholders its
 * use allows: an unknown one is refused when the text is saved, never left in a customer's mail.
 */
const PLACEHOLDER = /\{\{\s*([a-zA-Z]+(?:\.[a-zA-Z]+)*)\s*\}\}/g;

export const SIGNATURE_PLACEHOLDERS = ['agent.name', 'agent.firstName', 'agent.email'] as const;
/** What an answer template may name: the ticket it answers, its customer, the agent answering. */
export const TEMPLATE_PLACEHOLDERS = ['customer.name', 'customer.email', 'ticket.number', 'ticket.subject', 'agent.name', 'agent.firstName'] as const;
export type PlaceholderName = string;

/** The placeholders a text names that are not in `allowed`, each once. */
export function unknownPlaceholders(text: string, allowed: readonly string[]): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]!).filter((name) => !allowed.includes(name)))];
}

/** The text with each placeholder replaced by its value (an unknown one by nothing). */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => values[name] ?? '');
}

const firstName = (name: string): string => name.trim().split(/\s+/)[0] ?? '';

/** What a signature's placeholders stand for, for one agent. */
export function signatureValues(agent: { name: string; email: string }): Record<(typeof SIGNATURE_PLACEHOLDERS)[number], string> {
  return { 'agent.name': agent.name, 'agent.firstName': firstName(agent.name), 'agent.email': agent.email };
}

/**
 * What a template's placeholders stand for on one ticket. A requester known only by address
 * (no name given) is greeted by that address rather than by nothing.
 */
export function templateValues(
  ticket: { number: number; subject: string; requester: { name?: string | null; email: string } },
  agent: { name: string },
): Record<(typeof TEMPLATE_PLACEHOLDERS)[number], string> {
  return {
    'customer.name': ticket.requester.name?.trim() || ticket.requester.email,
    'customer.email': ticket.requester.email,
    'ticket.number': String(ticket.number),
    'ticket.subject': ticket.subject,
    'agent.name': agent.name,
    'agent.firstName': firstName(agent.name),
  };
}
