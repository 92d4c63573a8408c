import { useId, useMemo, useState, type KeyboardEvent, type RefObject } from 'react';
import type { Template } from '../../../core';
import { useDeskSession } from '../../app/app-context';
import { useObservable } from '../../state/use-observable';
import { EMPTY_DRAFT, useUiStore } from '../../state/ui-store';
import type { TicketView } from '../../sync/desk-session';
import { withTemplateActions } from './template-actions';
import { insertTemplateText, matchingTemplates, slashQueryAt, templateText } from './template-matching';

export type SlashList = { id: string; matches: Template[]; active: number };

/**
 * Putting answer templates into the reply: from the picker, or by typing `/` and part of a name
 * (arrows choose, Enter or Tab inserts, Escape keeps the text as typed). The templates are the
 * replicated ones, so this works offline. The text goes in with its placeholders filled for this
 * ticket; its actions wait in the draft until the reply is sent.
 */
export function useTemplateInsertion(options: {
  ticket: TicketView;
  draftKey: string;
  textarea: RefObject<HTMLTextAreaElement | null>;
  /** Sets the reply text as if the agent typed it (so a draft begun this way is tracked like one typed). */
  setBody: (text: string) => void;
}) {
  const { ticket, draftKey, textarea, setBody } = options;
  const session = useDeskSession();
  const templates$ = useMemo(() => session.templates$(), [session]);
  const templates = useObservable(templates$, [] as Template[]);
  const updateDraft = useUiStore((state) => state.updateDraft);
  const [slash, setSlash] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  // The slash the agent closed the list of with Escape: typing on after it leaves the list closed.
  const [dismissed, setDismissed] = useState<number | null>(null);
  const listId = useId();
  const matches = slash ? matchingTemplates(templates, slash.query) : [];
  const slashList: SlashList | null = slash && matches.length > 0 ? { id: listId, matches, active: Math.min(active, matches.length - 1) } : null;

  const insert = (template: Template) => {
    const draft = useUiStore.getState().drafts[draftKey] ?? EMPTY_DRAFT;
    const element = textarea.current;
    const caret = element?.selectionEnd ?? draft.body.length;
    const at = slash ? { start: slash.start, end: slash.start + 1 + slash.query.length } : { start: element?.selectionStart ?? caret, end: caret };
    const { text, caret: after } = insertTemplateText(draft.body, templateText(template, ticket, session.agent), at);
    setBody(text);
    const templateActions = withTemplateActions(draft.templateActions, template);
    if (templateActions) updateDraft(draftKey, { templateActions });
    setSlash(null);
    // After React has put the new text in: the caret goes after the template, ready to go on typing.
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(after, after);
    });
  };

  /** Follows the caret: call on every change and caret move in the reply box. */
  const track = (element: HTMLTextAreaElement) => {
    const found = slashQueryAt(element.value, element.selectionStart);
    const next = found && found.start === dismissed ? null : found;
    if (found === null) setDismissed(null);
    if (next?.start !== slash?.start || next?.query !== slash?.query) setActive(0);
    setSlash(next);
  };

  /** The `/` list's keys; true when the key was the list's (the composer then ignores it). */
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!slashList) return false;
    const last = slashList.matches.length - 1;
    if (event.key === 'ArrowDown') setActive(slashList.active === last ? 0 : slashList.active + 1);
    else if (event.key === 'ArrowUp') setActive(slashList.active === 0 ? last : slashList.active - 1);
    else if ((event.key === 'Enter' && !event.ctrlKey && !event.metaKey) || event.key === 'Tab') insert(slashList.matches[slashList.active]!);
    else if (event.key === 'Escape') {
      setDismissed(slash?.start ?? null);
      setSlash(null);
    }
    else return false;
    event.preventDefault();
    return true;
  };

  return { templates, slashList, insert, track, onKeyDown };
}
