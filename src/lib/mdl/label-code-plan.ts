/**
 * The reference label code's plan, as plain data shared by the reference script, the build and the tests: which model
 * families are trained on which prefixes, and which codes (the shipped one and its ablations) are assembled from
 * their cached predictions.
 */
import { DEFAULT_MIXTURE, type MixtureOptions } from "./mixture.ts";
import { geometricEnds, type LabelCodeSetting } from "./label-code.ts";
import { LIVE_LABEL_DEFAULT, LIVE_LABEL_SIZES } from "./label-code-live.ts";
import { familyKey, type FamilySpec } from "./tf-experts.ts";

export const LABELS = 60_000;
export const PRECISION_BITS = 20;

/** Logistic regression with the old per-block recipe: the cheap expert for the first few hundred labels. */
export const LOGISTIC_FAMILY: FamilySpec = {
  kind: "tfjs",
  arch: "logistic",
  maxLr: 0.01,
  minEpochs: 3,
  minImages: 20_000,
  batchSize: 128,
  seed: 1,
};

/** A 24,000-parameter CNN with batch normalisation and augmentation, one family per seed (averaged as an ensemble). */
export function cnnFamily(seed: number): FamilySpec {
  return {
    kind: "net",
    net: "c16k3p2-c32k3p2-c64k3-gap",
    seeds: [seed],
    minEpochs: 12,
    minImages: 20_000,
    batchSize: 64,
    maxLr: 0.005,
    augmentation: { shift: 2, rotate: 10, scale: 0.1 },
    weightDecay: 0,
  };
}

export const CNN_SEEDS: readonly number[] = [1, 2];
export const FAMILIES: readonly FamilySpec[] = [LOGISTIC_FAMILY, ...CNN_SEEDS.map(cnnFamily)];

/** Fine blocks: 8 labels with no model, then ends growing by sqrt 2 (8, 11, 16, 23, 32, …, 46341, 60000). */
export const FINE_ENDS: readonly number[] = geometricEnds(LABELS, 8, Math.SQRT2);
/** The old schedule: 64 labels with no model, then doubling (every one of its block starts is also a fine one). */
export const DOUBLING_ENDS: readonly number[] = geometricEnds(LABELS, 64, 2);

/** Every model predicts up to twice its prefix, so a doubling block can reuse the model trained at its start. */
export function predictionEnd(prefix: number, n = LABELS): number {
  return Math.min(2 * prefix, n);
}

/** Prefixes every family is trained on: the starts of the fine blocks (which include the doubling ones). */
export const PREFIXES: readonly number[] = FINE_ENDS.slice(0, -1);

export interface CellPlan {
  family: FamilySpec;
  prefix: number;
  end: number;
}

export const cellId = (c: Pick<CellPlan, "family" | "prefix">): string => `${familyKey(c.family)}@${c.prefix}`;

/** Biggest first, so the two longest cells do not end an invocation alone. */
export const CELLS: readonly CellPlan[] = FAMILIES.flatMap((family) =>
  PREFIXES.map((prefix) => ({ family, prefix, end: predictionEnd(prefix) })),
).sort((a, b) => b.prefix - a.prefix || cellId(a).localeCompare(cellId(b)));

/** A code assembled from cached predictions: experts are ensembles of families (log of the mean probability). */
export interface CodeVariant {
  id: string;
  /** What the row of the ablation table says. */
  label: string;
  experts: ReadonlyArray<readonly FamilySpec[]>;
  ends: readonly number[];
  mixture: Omit<MixtureOptions, "experts">;
}

const cnn1 = [cnnFamily(1)];
const ensemble = CNN_SEEDS.map(cnnFamily);
const noCalibration = { ...DEFAULT_MIXTURE, calibrate: false };

/** Every ingredient: the switching mixture of logistic regression and the two-seed CNN ensemble on fine blocks. */
export const FULL: CodeVariant = {
  id: "full",
  label: "everything: fine blocks, calibration, logistic + two-seed CNN ensemble, switching",
  experts: [[LOGISTIC_FAMILY], ensemble],
  ends: FINE_ENDS,
  mixture: DEFAULT_MIXTURE,
};

/** Cumulative: each row adds one ingredient to the row above. */
export const CUMULATIVE: readonly CodeVariant[] = [
  {
    id: "cnn",
    label: "the stronger CNN (batch norm, augmentation, 12+ epochs), old blocks, no calibration",
    experts: [cnn1],
    ends: DOUBLING_ENDS,
    mixture: noCalibration,
  },
  { id: "cnn+cal", label: "+ temperature fitted on sent labels", experts: [cnn1], ends: DOUBLING_ENDS, mixture: DEFAULT_MIXTURE },
  { id: "cnn+cal+fine", label: "+ fine blocks (8 labels uniform, then ×√2)", experts: [cnn1], ends: FINE_ENDS, mixture: DEFAULT_MIXTURE },
  {
    id: "cnn+cal+fine+logistic",
    label: "+ logistic regression in a switching mixture",
    experts: [[LOGISTIC_FAMILY], cnn1],
    ends: FINE_ENDS,
    mixture: DEFAULT_MIXTURE,
  },
  { ...FULL, label: "+ a second CNN seed, averaged (every ingredient)" },
];

/** Leave-one-out: the full recipe without one ingredient. */
export const LEAVE_ONE_OUT: readonly CodeVariant[] = [
  { ...FULL, id: "-calibration", label: "without calibration", mixture: noCalibration },
  { ...FULL, id: "-fine", label: "with the old doubling blocks", ends: DOUBLING_ENDS },
  { ...FULL, id: "-logistic", label: "without logistic regression", experts: [ensemble] },
  { ...FULL, id: "-ensemble", label: "with one CNN seed", experts: [[LOGISTIC_FAMILY], cnn1] },
  { ...FULL, id: "-switching", label: "with a Bayesian mixture instead of switching", mixture: { ...DEFAULT_MIXTURE, mixing: "bayes" } },
];

/**
 * Every recipe whose code length on these labels was looked at: the ablation variants above, and the probes run while
 * choosing the CNN (two networks on the blocks after 1,024 and 8,192 labels). The shipped code is the shortest of the
 * variants, chosen by comparing their lengths on these very labels; the stream pays log2 of the number of recipes
 * compared, in its first symbol, to say which one it uses.
 */
export const RECIPES_COMPARED: readonly string[] = [
  ...new Set([...CUMULATIVE, ...LEAVE_ONE_OUT].map((v) => v.id)),
  "probe c16k3p2-c32k3p2-c64k3-gap",
  "probe c32k3p2-c64k3p2-c128k3-gap",
];

/** The variants the reference run encodes: every cumulative and leave-one-out row, each once. */
export const VARIANTS: readonly CodeVariant[] = [...CUMULATIVE, ...LEAVE_ONE_OUT];

/** The shortest stream wins; a tie goes to the variant listed first. */
export function chooseShortest<T extends { id: string; bitLength: number }>(results: readonly T[]): T {
  const best = results.reduce<T | undefined>((a, b) => (a === undefined || b.bitLength < a.bitLength ? b : a), undefined);
  if (best === undefined) throw new Error("no code to choose from");
  return best;
}

export function variantById(id: string): CodeVariant {
  const v = VARIANTS.find((x) => x.id === id);
  if (v === undefined) throw new Error(`no label-code variant '${id}' in src/lib/mdl/label-code-plan.ts`);
  return v;
}

export function recipeIndex(v: CodeVariant): { index: number; of: number } {
  const index = RECIPES_COMPARED.indexOf(v.id);
  if (index < 0) throw new Error(`recipe ${v.id} is not in RECIPES_COMPARED`);
  return { index, of: RECIPES_COMPARED.length };
}

/** The live island's fast setting: logistic regression alone, fine blocks, on the first n labels. */
export { LIVE_LABEL_DEFAULT, LIVE_LABEL_SIZES };
export const LIVE_FAMILY = LOGISTIC_FAMILY;

/** The live setting's code: a fixed demo, not a candidate for the shipped code, so its stream names no recipe. */
export function liveSetting(n: number): LabelCodeSetting {
  if (!LIVE_LABEL_SIZES.includes(n)) throw new RangeError(`the live label code runs on ${LIVE_LABEL_SIZES.join(", ")} labels, not ${n}`);
  return { ends: geometricEnds(n, 8, Math.SQRT2), mixture: DEFAULT_MIXTURE, precisionBits: PRECISION_BITS, recipe: { index: 0, of: 1 } };
}

export const liveVariantId = (n: number): string => `live-logistic@${n}`;
