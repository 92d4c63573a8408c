import { fillPlaceholders, templateValues, type Template } from '../../../core';
import { foldDiacritics, foldForSearch } from '../../../core/search';

/** How many templates the `/` list and the picker show at once. */
export const TEMPLATES_LISTED = 8;
/** Longer than this after `/`, the agent is writing, not looking for a template. */
const SLASH_QUERY_MAX = 40;

const fold = (text: string): string => foldDiacritics(foldForSearch(text));

/**
 * The templates whose name matches what the agent typed, best first: names that begin with it,
 * then names with a word that begins with it, then names that merely contain it; each group by
 * name. Case, ё/е and diacritics do not matter (`/zwrot` finds „Zwrot środków”, `/srod` too).
 */
export function matchingTemplates(templates: readonly Template[], typed: string, limit = TEMPLATES_LISTED): Template[] {
  const query = fold(typed.trim());
  if (query === '') return templates.slice(0, limit);
  const ranked = templates.flatMap((template) => {
    const name = fold(template.name);
    const rank = name.startsWith(query) ? 0 : name.split(/[^\p{L}\p{N}]+/u).some((word) => word.startsWith(query)) ? 1 : name.includes(query) ? 2 : -1;
    return rank < 0 ? [] : [{ template, rank }];
  });
  return ranked.sort((a, b) => a.rank - b.rank).slice(0, limit).map((entry) => entry.template);
}

/**
 * The `/name` being typed just before the caret: a slash at the start of the text or after a
 * space or line break, then the name (no line break, no further slash). Null when there is none.
 */
export function slashQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const slash = before.lastIndexOf('/');
  if (slash < 0 || caret - slash - 1 > SLASH_QUERY_MAX) return null;
  if (slash > 0 && !/\s/.test(before[slash - 1]!)) return null;
  const query = before.slice(slash + 1);
  if (/[\n/]/.test(query)) return null;
  return { start: slash, query };
}

/** The template's text for this ticket and agent, its placeholders filled. */
export function templateText(template: Pick<Template, 'body'>, ticket: Parameters<typeof templateValues>[0], agent: { name: string }): string {
  return fillPlaceholders(template.body, templateValues(ticket, agent));
}

/**
 * The reply text with the template put in place of `at` (the `/name` typed, or the caret), a
 * space before it when it would run into a word. Returns the new text and the caret after it.
 */
export function insertTemplateText(text: string, filled: string, at: { start: number; end: number }): { text: string; caret: number } {
  const before = text.slice(0, at.start);
  const after = text.slice(at.end);
  const lead = before === '' || /\s$/.test(before) ? '' : ' ';
  const next = `${before}${lead}${filled}${after}`;
  return { text: next, caret: before.length + lead.length + filled.length };
}
