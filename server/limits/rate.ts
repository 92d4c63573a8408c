/**
 * A rate as the settings write it: `<count>/<window>`, the window in seconds (`s`), minutes (`m`)
 * or hours (`h`), e.g. `30/10m`. Read as a token bucket: up to `count` at once (the burst), refilled
 * evenly over `windowMs`.
 */
export type Rate = { count: number; windowMs: number };

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000 } as const;
const RATE_PATTERN = /^\s*(\d{1,9})\s*\/\s*(\d{1,6})?\s*([smh])\s*$/;

/** Parses `30/10m` (or `30/m`, one unit); null when the text is not a rate. */
export function parseRate(text: string): Rate | null {
  const match = RATE_PATTERN.exec(text);
  if (!match) return null;
  const count = Number(match[1]);
  const windowMs = Number(match[2] ?? '1') * UNIT_MS[match[3] as keyof typeof UNIT_MS];
  return count > 0 && windowMs > 0 ? { count, windowMs } : null;
}

export const formatRate = (rate: Rate): string => `${rate.count}/${rate.windowMs / 1_000}s`;
