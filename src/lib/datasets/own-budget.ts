/**
 * The budget a reader sets for their own dataset (chapter 5's own-data island), and the measurement plan it stands
 * for: the sweep's label code and model search (budgets.ts, measure.ts), shrunk to what a browser tab can do in minutes. The
 * sweep's budget is one setting of the same plan, so the page can say exactly how a reader's point differs.
 */
import { SWEEP_LABELS, SWEEP_MODELS, type LabelBudget, type ModelBudget } from "./budgets.ts";

export interface OwnBudget {
  /** Training labels the prequential code sends (at most all of them). */
  labels: number;
  /** Whether the label code mixes in the sweep's CNN, or uses logistic regression alone (much faster). */
  cnn: boolean;
  /** Training images each network of the model search trains on. */
  train: number;
  /** How many networks of the sweep's ladder, smallest first. */
  nets: number;
  epochs: number;
  /** Validation and test images each file is scored on (at most). */
  scored: number;
}

export const OWN_CHOICES = {
  labels: [1_000, 5_000, 20_000, 60_000],
  train: [1_000, 5_000, 20_000, 50_000],
  nets: [1, 2, 3],
  epochs: [1, 3, 10],
  scored: [1_000, 2_000, 10_000],
} as const;

export const OWN_DEFAULTS: OwnBudget = { labels: 5_000, cnn: false, train: 5_000, nets: 2, epochs: 3, scored: 2_000 };

export function labelPlan(budget: OwnBudget): LabelBudget {
  const [logistic, cnn] = SWEEP_LABELS.families;
  return { ...SWEEP_LABELS, families: budget.cnn ? [logistic!, cnn!] : [logistic!], n: budget.labels };
}

export function modelPlan(budget: OwnBudget): ModelBudget {
  return {
    ...SWEEP_MODELS,
    nets: SWEEP_MODELS.nets.slice(0, budget.nets),
    epochs: budget.epochs,
    trainImages: budget.train,
    scoredImages: budget.scored,
  };
}

/** The budget in words, for the page and the downloaded JSON. */
export function budgetText(b: OwnBudget, fmt: (n: number) => string): string {
  return (
    `label code of the first ${fmt(b.labels)} training labels (logistic regression${b.cnn ? " and the 6,218-parameter CNN" : ""}); ` +
    `${b.nets} network${b.nets === 1 ? "" : "s"} trained ${b.epochs} epoch${b.epochs === 1 ? "" : "s"} on ${fmt(b.train)} images, ` +
    `scored on up to ${fmt(b.scored)} validation and test images`
  );
}
