/**
 * Rows for the chapter's tables of Cover's counts, shared by the build (static HTML) and the browser (live tables), so
 * both print exactly the same text.
 */
import { coverCount, coverFraction } from "./cover.ts";

/** N / K values for the table beside the Cover chart: every one gives an integer N at K = 5, 20, 100 and 1000. */
export const COVER_TABLE_RATIOS: readonly number[] = [1, 1.6, 1.8, 2, 2.2, 2.4, 3, 4];

export interface CoverTableCell {
  k: number;
  /** round(ratio K): the nearest whole number of points. */
  n: number;
  /** T(N, K) / 2^N. */
  fraction: number;
}

export interface CoverTableRow {
  ratio: number;
  cells: CoverTableCell[];
}

export function coverTableRows(ks: readonly number[], ratios: readonly number[] = COVER_TABLE_RATIOS): CoverTableRow[] {
  return ratios.map((ratio) => ({
    ratio,
    cells: ks.map((k) => {
      const n = Math.max(1, Math.round(ratio * k));
      return { k, n, fraction: coverFraction(n, k) };
    }),
  }));
}

export interface ExactCountRow {
  n: number;
  /** T(N, K), exact. */
  count: bigint;
  /** 2^N, every labelling. */
  total: bigint;
  /** T(N, K) / 2^N as a double. */
  fraction: number;
}

/** Exact T(N, K) and 2^N for N = 2K + offset, skipping N < 1. */
export function exactCountRows(k: number, offsets: readonly number[] = [-2, -1, 0, 1, 2]): ExactCountRow[] {
  return offsets
    .map((d) => 2 * k + d)
    .filter((n) => n >= 1)
    .map((n) => ({ n, count: coverCount(n, k), total: 2n ** BigInt(n), fraction: coverFraction(n, k) }));
}

/** A big integer with comma thousands separators (Intl formats a bigint exactly, with no rounding through a double). */
export function formatBigInt(x: bigint): string {
  const negative = x < 0n;
  const digits = (negative ? -x : x).toString();
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return (negative ? "-" : "") + groups.join(",");
}

/** Decimal digits of a non-negative big integer, for saying how long a count is when printing it whole would not help. */
export function decimalDigits(x: bigint): number {
  return (x < 0n ? -x : x).toString().length;
}
