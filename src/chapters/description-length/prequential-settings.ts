/**
 * The live prequential island's settings as one field table: URL parameter `preq.<key>`, the form control of the same
 * name and the job's config property, with the choices the reference script computed a run for (lib/mdl/settings.ts).
 */
import { formatInt } from "../../lib/format.ts";
import { LIVE_ARCHS, LIVE_DEFAULT, LIVE_SIZES } from "../../lib/mdl/settings.ts";
import { oneOf, type FieldTable } from "../../lib/settings.ts";
import { archKey } from "../../lib/train/arch.ts";
import { archLabel } from "./mdl-format.ts";

export interface PrequentialSettings {
  arch: string;
  n: number;
}

export const PREQUENTIAL_PREFIX = "preq.";
export const PREQUENTIAL_DEFAULTS: PrequentialSettings = { arch: LIVE_DEFAULT.arch, n: LIVE_DEFAULT.n };

const ARCH_KEYS = LIVE_ARCHS.map(archKey);

/** One of the prefix sizes a reference run exists for, written as digits (no separators, as a link carries it). */
function liveSize(raw: string): number {
  const n = Number(raw);
  if (!/^\d{1,7}$/.test(raw) || !LIVE_SIZES.includes(n)) throw new Error(`expected one of ${LIVE_SIZES.join(", ")}`);
  return n;
}

export const PREQUENTIAL_FIELDS: FieldTable<PrequentialSettings> = {
  arch: { key: "arch", parse: oneOf(ARCH_KEYS) },
  n: { key: "n", parse: liveSize },
};

/** The form's choices: value and label of each option. */
export const ARCH_OPTIONS: ReadonlyArray<{ value: string; label: string }> = ARCH_KEYS.map((k) => ({ value: k, label: archLabel(k) }));
export const SIZE_OPTIONS: ReadonlyArray<{ value: string; label: string }> = LIVE_SIZES.map((s) => ({
  value: String(s),
  label: `first ${formatInt(s)}`,
}));
