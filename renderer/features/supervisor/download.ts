/**
 * Saves `text` as a file through the browser's download (Electron shows its save dialog). A byte
 * order mark goes first so that spreadsheet programs read the UTF-8 (Cyrillic, Polish) correctly.
 */
export function downloadText(fileName: string, text: string, type: string): void {
  const blob = new Blob(['\uFEFF', text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a little later: some browsers start reading the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
