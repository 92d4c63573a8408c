/**
 * What the customer newly wrote in a reply: the quoted history below a reply header ("On … wrote:",
 * "… написал(а):", "… napisał(a):", Outlook's "-----Original Message-----" and its header
 * block) and the signature after "-- " are cut. The full text is kept beside it, so nothing the
 * customer sent is lost when a rule cuts too much; when a cut would leave nothing, the full text
 * is the message.
 */
const REPLY_HEADERS: readonly RegExp[] = [
  // English: "On Tue, 1 Dec 2026 at 10:00, Anna <a@b.c> wrote:" (may wrap over two lines)
  /^\s*On\b[^\n]{0,300}(\n[^\n]{0,200})?\bwrote:\s*$/im,
  // Russian: "1 дек. 2026 г., в 10:00, Анна <a@b.c> написал(а):" / "написала:" / "пишет:"
  /^[^\n]{0,300}(\n[^\n]{0,200})?(?<!\p{L})(написал|написала|написал\(а\)|пишет)\s*:\s*$/imu,
  // Polish: "W dniu 1.12.2026 o 10:00 Anna <a@b.c> napisał(a):" / "napisała:" / "pisze:"
  /^[^\n]{0,300}(\n[^\n]{0,200})?(?<!\p{L})(napisał|napisała|napisał\(a\)|pisze)\s*:\s*$/imu,
  // Outlook and friends, in the three languages.
  /^\s*-{2,}\s*(Original Message|Исходное сообщение|Wiadomość oryginalna|Oryginalna wiadomość|Forwarded message|Пересылаемое сообщение)\s*-{2,}\s*$/im,
  // Outlook's header block without a separator line: "From: … / Sent: …" (Od:/Wysłane:, От:/Отправлено:).
  /^\s*(From|Od|От)\s*:[^\n]*\n\s*(Sent|Date|Wysłano|Wysłane|Data|Отправлено|Дата)\s*:/im,
  // Gmail's mobile "________________________________" separator above the Outlook block.
  /^\s*_{20,}\s*$/m,
];

/** "-- " on its own line starts a signature (RFC 3676); "--" without the space is common too. */
const SIGNATURE = /^-- ?$/m;

export type ReplyText = { text: string; trimmed: boolean };

export function newReplyText(fullText: string): ReplyText {
  const text = fullText.replace(/\r\n?/g, '\n');
  let cut = text.length;
  for (const header of REPLY_HEADERS) {
    const match = header.exec(text);
    if (match && match.index < cut) cut = match.index;
  }
  const beforeQuote = text.slice(0, cut);
  const signature = SIGNATURE.exec(beforeQuote);
  const written = (signature ? beforeQuote.slice(0, signature.index) : beforeQuote)
    .split('\n')
    .filter((line, index, lines) => !(line.startsWith('>') && lines.slice(index).every((rest) => rest.startsWith('>') || rest.trim() === '')))
    .join('\n')
    .trim();
  if (written.length === 0) return { text: text.trim(), trimmed: false };
  return { text: written, trimmed: written.length < text.trim().length };
}
