/**
 * Message-IDs as threading compares them: the part inside angle brackets, lower-cased (mail
 * systems change case; a Message-ID is compared case-insensitively in practice), at most 250
 * characters. References can list hundreds of ids: only the last `REFERENCES_KEPT` matter.
 */
export const REFERENCES_KEPT = 50;

export function normalizeMessageId(raw: string): string | null {
  const inner = /<([^<>\s]{1,250})>/.exec(raw)?.[1] ?? raw.trim();
  if (!inner || inner.length > 250 || /[\s<>]/.test(inner)) return null;
  return inner.toLowerCase();
}

/** The ids a reply names: In-Reply-To first, then References from the newest. */
export function referencedMessageIds(inReplyTo: string | undefined, references: string | string[] | undefined): string[] {
  const listed = (text: string) => [...text.matchAll(/<[^<>\s]{1,250}>/g)].map((match) => normalizeMessageId(match[0])).filter((id): id is string => id !== null);
  const fromReferences = listed(Array.isArray(references) ? references.join(' ') : (references ?? '')).reverse();
  return [...new Set([...listed(inReplyTo ?? ''), ...fromReferences])].slice(0, REFERENCES_KEPT);
}

/** The domain of an address: the right-hand side of our Message-IDs, the listener's greeting name. */
export function mailDomain(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}
