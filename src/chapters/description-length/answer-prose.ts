/**
 * The site's headline, redone with the right quantity: the labels' description length given the images (the
 * reference label code), divided by MacKay's 2 bits per weight, beside the smallest 99% network the frontier search
 * found and the seed question's figures. Read by the Introduction, chapter 5 and the Summary as
 * `<V of={answerProse()} name="weights-at-2" />`. Build-time only.
 */
import { accuracyInterval } from "./frontier-view.ts";
import { servedTestImages } from "../../lib/data/node.ts";
import { frontierSelection } from "../../build/frontier-build.ts";
import { chosenCode, labelCodeInputs } from "../../build/label-code-build.ts";
import type { View } from "../../client/view.ts";
import { MACKAY_BITS_PER_WEIGHT, weightsToMemorize } from "../../lib/capacity/mnist-arithmetic.ts";
import { formatFixed, formatInt } from "../../lib/format.ts";
import { paramCount, PYTORCH_2017_CNN } from "../../lib/train/arch.ts";
import { parseNetKey, paramCount as netParams } from "../../lib/frontier/net.ts";
import { CNN_SEEDS, FINE_ENDS, cnnFamily } from "../../lib/mdl/label-code-plan.ts";
import { DEFAULT_MIXTURE, TEMPERATURE_GRID } from "../../lib/mdl/mixture.ts";
import { labelCodeView, type LabelCodeView } from "./label-code-view.ts";
import { bitsText, percent } from "./mdl-format.ts";

export type AnswerKey =
  | "labels-bits"
  | "labels-per"
  | "weights-at-2"
  | "frontier-params"
  | "frontier-bits"
  | "frontier-test"
  | "frontier-test-pm"
  | "frontier-vs-weights"
  | "frontier-vs-labels"
  | "question-params"
  | "question-vs-weights"
  | "bits-per-weight";

let labelMemo: Promise<LabelCodeView> | undefined;

/** The label-code card's view, for prose (one computation per build). */
export function labelCodeProse(): Promise<LabelCodeView> {
  labelMemo ??= Promise.resolve().then(() => labelCodeView(labelCodeInputs()));
  return labelMemo;
}

export type RecipeKey =
  "cnn-params" | "cnn-seeds" | "min-epochs" | "min-images" | "refit-every" | "window" | "t-min" | "t-max" | "first-block" | "fine-blocks";

/** The label code's recipe, as the prose states it, from the plan itself. */
export function recipeProse(): View<RecipeKey> {
  const cnn = cnnFamily(CNN_SEEDS[0]!);
  if (cnn.kind !== "net") throw new Error("the label code's CNN family is not a network");
  return {
    values: {
      "cnn-params": formatInt(netParams(parseNetKey(cnn.net))),
      "cnn-seeds": formatInt(CNN_SEEDS.length),
      "min-epochs": formatInt(cnn.minEpochs),
      "min-images": formatInt(cnn.minImages),
      "refit-every": formatInt(DEFAULT_MIXTURE.refitEvery),
      window: formatInt(DEFAULT_MIXTURE.window),
      "t-min": formatFixed(Math.min(...TEMPERATURE_GRID), 1),
      "t-max": formatFixed(Math.max(...TEMPERATURE_GRID), 1),
      "first-block": formatInt(FINE_ENDS[0]!),
      "fine-blocks": formatInt(FINE_ENDS.length),
    },
  };
}

let memo: Promise<View<AnswerKey>> | undefined;

export function answerProse(): Promise<View<AnswerKey>> {
  memo ??= Promise.resolve().then(() => {
    const { file } = labelCodeInputs();
    const shipped = chosenCode(file);
    const weights = weightsToMemorize(shipped.bitLength);
    const chosen = frontierSelection().chosen.candidate;
    const question = paramCount(PYTORCH_2017_CNN);
    return {
      values: {
        "labels-bits": bitsText(shipped.bitLength),
        "labels-per": formatFixed(shipped.bitLength / file.n, 3),
        "weights-at-2": formatInt(Math.round(weights)),
        "frontier-params": formatInt(chosen.params),
        "frontier-bits": bitsText(chosen.fileBits),
        "frontier-test": percent(chosen.testAccuracy),
        "frontier-test-pm": `±${formatFixed(100 * accuracyInterval(chosen.testAccuracy, servedTestImages()).halfWidth, 2)} points`,
        "frontier-vs-weights": formatFixed(chosen.params / weights, 1),
        "frontier-vs-labels": formatFixed(chosen.fileBits / shipped.bitLength, 1),
        "question-params": formatInt(question),
        "question-vs-weights": formatFixed(question / weights, 0),
        "bits-per-weight": String(MACKAY_BITS_PER_WEIGHT),
      },
    };
  });
  return memo;
}
