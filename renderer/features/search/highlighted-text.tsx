import type { Snippet } from '../../../core/search';

/** A snippet's text with its matched words in <mark>, which screen readers announce as highlighted. */
export function HighlightedText({ snippet, className }: { snippet: Snippet; className?: string }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const { start, end } of snippet.highlights) {
    if (start < at) continue;
    if (start > at) parts.push(snippet.text.slice(at, start));
    parts.push(<mark key={start}>{snippet.text.slice(start, end)}</mark>);
    at = end;
  }
  parts.push(snippet.text.slice(at));
  return <span className={className}>{parts}</span>;
}
