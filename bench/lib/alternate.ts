/**
 * Runs two or more variants round after round, flipping their order every round: a slow-down that builds up over
 * the run (thermal, another process waking) then lands on each variant equally often, first and last.
 */
import { summarize, type Summary } from "../stats.ts";

export interface VariantResult {
  runs: number[];
  summary?: Summary;
  /** The first error a variant threw; it is not run again after one. */
  error?: string;
}

/** The order of the variants in round `round` (0-based): as given on even rounds, reversed on odd ones. */
export function roundOrder<T>(variants: readonly T[], round: number): T[] {
  return round % 2 === 0 ? [...variants] : [...variants].reverse();
}

export async function alternateRounds<Id extends string>(
  ids: readonly Id[],
  rounds: number,
  run: (id: Id, round: number) => Promise<number>,
): Promise<Record<Id, VariantResult>> {
  const out = Object.fromEntries(ids.map((id) => [id, { runs: [] as number[] }])) as Record<Id, VariantResult>;
  for (let round = 0; round < rounds; round++) {
    for (const id of roundOrder(ids, round)) {
      const r = out[id];
      if (r.error !== undefined) continue;
      try {
        r.runs.push(await run(id, round));
      } catch (e) {
        r.error = e instanceof Error ? e.message : String(e);
      }
    }
  }
  for (const id of ids) {
    const r = out[id];
    if (r.runs.length > 0) r.summary = summarize(r.runs);
  }
  return out;
}

/** a ÷ b of the medians, or undefined when either is missing. */
export function medianRatio(a: VariantResult | undefined, b: VariantResult | undefined): number | undefined {
  const x = a?.summary?.median;
  const y = b?.summary?.median;
  return x !== undefined && y !== undefined && y !== 0 ? x / y : undefined;
}
