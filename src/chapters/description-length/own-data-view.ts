/**
 * What the own-data island shows, from the files the reader picked, the worker's check and its measurements: the
 * files' table, the three quantities of the commenter's plot with the file that meets the dataset's target, every
 * model file written, the two panels' data with the reader's point among the sweep's, and the JSON a reader downloads.
 * Pure: the build renders the empty state, the element patches the rest.
 */
import type { DatasetsChartData } from "../../charts/datasets.ts";
import type { TableRow, View } from "../../client/view.ts";
import { budgetText, type OwnBudget } from "../../lib/datasets/own-budget.ts";
import type { OwnFileRole } from "../../lib/datasets/own-files.ts";
import { TARGET_GAP, smallestMeeting, targetAccuracy } from "../../lib/datasets/selection.ts";
import { formatBytes, formatFixed, formatInt } from "../../lib/format.ts";
import type { OwnChecked, OwnDataMeasured } from "../../workers/own-data-protocol.ts";
import type { DatasetsView } from "./datasets-view.ts";
import { bitsText, percent } from "./mdl-format.ts";

export const ROLE_NAMES: Record<OwnFileRole, string> = {
  trainImages: "Training images",
  trainLabels: "Training labels",
  testImages: "Test images (optional)",
  testLabels: "Test labels (optional)",
};

/**
 * The role a dropped file's name suggests, as the MNIST family names its files ("train-images-idx3-ubyte.gz",
 * "t10k-labels-idx1-ubyte", "emnist-digits-test-images-idx3-ubyte"); undefined when the name does not say.
 */
export function roleForName(name: string): OwnFileRole | undefined {
  const n = name.toLowerCase();
  const images = /images|idx3/.test(n);
  const labels = /labels|idx1/.test(n);
  if (images === labels) return undefined;
  const test = /t10k|test/.test(n);
  if (images) return test ? "testImages" : "trainImages";
  return test ? "testLabels" : "trainLabels";
}

export interface PickedFile {
  role: OwnFileRole;
  name: string;
  bytes: number;
}

export interface OwnDataState {
  files: readonly PickedFile[];
  budget: OwnBudget;
  checked?: OwnChecked;
  measured?: OwnDataMeasured;
}

export type OwnDataKey =
  | "budget"
  | "described"
  | "independent"
  | "context"
  | "labels-bits"
  | "labels-per-label"
  | "target"
  | "chosen"
  | "chosen-validation"
  | "chosen-test"
  | "seconds";

export type OwnDataView = View<OwnDataKey, "files" | "models">;

const DASH = "–";

export function describeChecked(c: OwnChecked): string {
  const test = c.testFromTrain
    ? `no test files, so the last ${formatInt(c.testCount)} of them are the test set`
    : `${formatInt(c.testCount)} test images`;
  return (
    `${formatInt(c.trainCount)} training images of ${c.rows}×${c.cols} pixels in ${c.classesSeen} classes; ${test}` +
    (c.rows === 28 && c.cols === 28 ? "." : "; the networks see them resampled to 28×28.")
  );
}

/** The dataset's target and its smallest qualifying file, by the sweep's rule (selection.ts). */
export function ownChoice(checked: OwnChecked, m: OwnDataMeasured) {
  const target = targetAccuracy(m.models.files, Math.max(2, checked.classesSeen), m.models.validation);
  return { target, chosen: smallestMeeting(m.models.files, target) };
}

export function ownDataView(state: OwnDataState): OwnDataView {
  const roles = Object.keys(ROLE_NAMES) as OwnFileRole[];
  const files: TableRow[] = roles.map((role) => {
    const f = state.files.find((x) => x.role === role);
    return [ROLE_NAMES[role], f?.name ?? "none chosen", f === undefined ? DASH : formatBytes(f.bytes)];
  });
  const { checked, measured: m } = state;
  const values: Record<OwnDataKey, string> = {
    budget: budgetText(state.budget, formatInt),
    described: checked === undefined ? "No files checked yet." : describeChecked(checked),
    independent: DASH,
    context: DASH,
    "labels-bits": DASH,
    "labels-per-label": DASH,
    target: DASH,
    chosen: DASH,
    "chosen-validation": DASH,
    "chosen-test": DASH,
    seconds: DASH,
  };
  let models: TableRow[] = [];
  if (checked !== undefined && m !== undefined) {
    const { target, chosen } = ownChoice(checked, m);
    values.independent = `${formatFixed(m.images.independentBitsPerImage, 1)} bits per image`;
    values.context = `${formatFixed(m.images.contextBitsPerImage, 1)} bits per image`;
    values["labels-bits"] = `${bitsText(m.labels.bitLength)} for ${formatInt(m.labels.n)} labels`;
    values["labels-per-label"] = formatFixed(m.labels.bitLength / m.labels.n, 3);
    values.target = `≥ ${formatFixed(100 * target, 2)}% on ${formatInt(m.models.validation)} validation images`;
    values.chosen =
      chosen === undefined ? "none" : `${bitsText(chosen.fileBits)} (${formatInt(chosen.params)} parameters at ${chosen.weightBits} bits)`;
    values["chosen-validation"] = chosen === undefined ? DASH : percent(chosen.validationAccuracy);
    values["chosen-test"] = chosen === undefined ? DASH : percent(chosen.testAccuracy);
    values.seconds = `images ${formatFixed(m.seconds.images, 1)} s, labels ${formatFixed(m.seconds.labels, 1)} s, models ${formatFixed(m.seconds.models, 1)} s`;
    models = m.models.files.map((f) => [
      `${formatInt(f.params)} parameters, ${f.weightBits}-bit`,
      bitsText(f.fileBits),
      percent(f.validationAccuracy),
      percent(f.testAccuracy),
      f === chosen ? "smallest within target" : f.validationAccuracy >= target - 1e-12 ? "within target" : "below target",
    ]);
  }
  return { values, tables: { files, models } };
}

export const OWN_POINT_LABEL = "Your data";

/** The sweep's two panels with the reader's point added (labelled OWN_POINT_LABEL), or undefined before a result. */
export function ownPanels(
  sweep: Pick<DatasetsView, "byImage" | "byLabels">,
  checked: OwnChecked,
  m: OwnDataMeasured,
): { byImage: DatasetsChartData; byLabels: DatasetsChartData } | undefined {
  const { chosen } = ownChoice(checked, m);
  if (chosen === undefined) return undefined;
  const own = (x: number) => ({ label: OWN_POINT_LABEL, x, modelBits: chosen.fileBits });
  return {
    byImage: { ...sweep.byImage, highlight: OWN_POINT_LABEL, points: [...sweep.byImage.points, own(m.images.contextBitsPerImage)] },
    byLabels: {
      ...sweep.byLabels,
      highlight: OWN_POINT_LABEL,
      points: [...sweep.byLabels.points, own(m.labels.bitLength)],
      summary: `${sweep.byLabels.summary} Your dataset's label code covers its first ${formatInt(m.labels.n)} labels.`,
    },
  };
}

/** The downloadable record of a reader's run: what was measured, how, and on which files (their checksums, not their bytes). */
export function ownDataJson(
  state: OwnDataState & { measured: OwnDataMeasured; checked: OwnChecked },
  sha256: Record<string, string>,
  site: { url: string; finishedAt: string },
): string {
  const { target, chosen } = ownChoice(state.checked, state.measured);
  const record = {
    about:
      "A reader's own dataset, measured by mnist-bits in the browser: image code lengths, a prequential label code and a budget model search",
    site: site.url,
    finishedAt: site.finishedAt,
    files: state.files.map((f) => ({ role: f.role, name: f.name, bytes: f.bytes, sha256: sha256[f.role] ?? null })),
    dataset: state.checked,
    budgetText: budgetText(state.budget, formatInt),
    targetRule: `validation accuracy within ${formatFixed(100 * TARGET_GAP, 1)} points of the best file (within noise of chance when nothing is learnable)`,
    target,
    chosen: chosen ?? null,
    ...state.measured,
  };
  return `${JSON.stringify(record, null, 1)}\n`;
}
