/**
 * Entries an agent typed as a list (addresses, domains): separated by commas, semicolons, spaces or
 * new lines, each once. The server checks each entry and refuses a bad one with its reason.
 */
export function splitList(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((entry) => entry.trim()).filter(Boolean))];
}
