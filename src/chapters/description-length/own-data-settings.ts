/**
 * The own-data island's budget as a field table: URL parameters `own.*`, the form controls of the same names and the
 * budget's properties, each limited to the choices the form offers (own-budget.ts).
 */
import { paramCount, parseNetKey } from "../../lib/frontier/net.ts";
import { formatInt } from "../../lib/format.ts";
import { SWEEP_MODELS } from "../../lib/datasets/budgets.ts";
import { OWN_CHOICES, OWN_DEFAULTS, type OwnBudget } from "../../lib/datasets/own-budget.ts";
import type { Field, FieldTable } from "../../lib/settings.ts";

export const OWN_PREFIX = "own.";
export { OWN_DEFAULTS };

function oneOf(key: string, choices: readonly number[]): Field<number> {
  return {
    key,
    parse: (raw) => {
      const n = Number(raw);
      if (!/^\d{1,6}$/.test(raw) || !choices.includes(n)) throw new Error(`expected one of ${choices.join(", ")}`);
      return n;
    },
  };
}

export const OWN_FIELDS: FieldTable<OwnBudget> = {
  labels: oneOf("labels", OWN_CHOICES.labels),
  cnn: {
    key: "cnn",
    parse: (raw) => {
      if (raw !== "true" && raw !== "false") throw new Error("expected true or false");
      return raw === "true";
    },
  },
  train: oneOf("train", OWN_CHOICES.train),
  nets: oneOf("nets", OWN_CHOICES.nets),
  epochs: oneOf("epochs", OWN_CHOICES.epochs),
  scored: oneOf("scored", OWN_CHOICES.scored),
};

export interface OwnSelect {
  name: keyof OwnBudget;
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
}

const counts = (xs: readonly number[], what: string) => xs.map((x) => ({ value: String(x), label: `${formatInt(x)} ${what}` }));

const ladder = SWEEP_MODELS.nets.map((n) => formatInt(paramCount(parseNetKey(n))));

/** The form's controls, in order. */
export const OWN_SELECTS: readonly OwnSelect[] = [
  { name: "labels", label: "Labels coded", options: counts(OWN_CHOICES.labels, "labels") },
  {
    name: "cnn",
    label: "Label models",
    options: [
      { value: "false", label: "logistic regression" },
      { value: "true", label: "logistic regression and a CNN (slow)" },
    ],
  },
  { name: "train", label: "Training images per network", options: counts(OWN_CHOICES.train, "images") },
  {
    name: "nets",
    label: "Networks",
    options: OWN_CHOICES.nets.map((k) => ({ value: String(k), label: `${ladder.slice(0, k).join(", ")} parameters` })),
  },
  { name: "epochs", label: "Epochs", options: OWN_CHOICES.epochs.map((e) => ({ value: String(e), label: String(e) })) },
  { name: "scored", label: "Images scored", options: counts(OWN_CHOICES.scored, "images") },
];
