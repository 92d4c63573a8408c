import type { DurationStats, Share } from '../../../core';

/** Median and mean of durations (ms); nulls when there is nothing to measure. */
export function durationStats(values: readonly number[]): DurationStats {
  if (values.length === 0) return { count: 0, medianMs: null, meanMs: null };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const medianMs = sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  const meanMs = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return { count: sorted.length, medianMs, meanMs };
}

export const share = (part: number, whole: number): Share => ({ part, whole, share: whole === 0 ? null : part / whole });

export function average(values: readonly number[]): { count: number; average: number | null } {
  if (values.length === 0) return { count: 0, average: null };
  return { count: values.length, average: values.reduce((sum, value) => sum + value, 0) / values.length };
}
