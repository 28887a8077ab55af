/**
 * Every number the chapter's prose states (and the summary page quotes), from the reference run, so the text states
 * no number it did not compute. Read in MDX as `<V of={proseView()} name="preq-best" />`. Build-time only: it reads
 * content/data/description-length.json through src/build/.
 */
import { bestPrequential, readMdl, smallest99 } from "../../build/mdl-build.ts";
import { frontierSelection, readFrontier } from "../../build/frontier-build.ts";
import { frontierInputs, frontierView, type FrontierView } from "./frontier-view.ts";
import type { View } from "../../client/view.ts";
import { formatFixed, formatInt } from "../../lib/format.ts";
import { LIVE_DEFAULT } from "../../lib/mdl/settings.ts";
import { archKey, LOGISTIC, mlp, paramCount, PYTORCH_2017_CNN } from "../../lib/train/arch.ts";
import { archLabel, archName, bitsText, kbitsText, percent, perLabel, pruneText } from "./mdl-format.ts";
import { withInterval } from "./two-part-view.ts";
import { servedTestImages } from "../../lib/data/node.ts";

export type MdlProseKey =
  | "n"
  | "uniform-bits"
  | "uniform-kbits"
  | "entropy-bits"
  | "entropy-kbits"
  | "hy"
  | "log2_10"
  | "preq-logistic"
  | "preq-logistic-per"
  | "preq-mlp"
  | "preq-mlp-per"
  | "preq-cnn"
  | "preq-cnn-per"
  | "preq-cnn-last-per"
  | "preq-best"
  | "preq-best-arch"
  | "preq-best-per"
  | "preq-best-last-per"
  | "preq-best-ratio"
  | "preq-first-block"
  | "preq-first-share"
  | "logistic-params"
  | "mlp-params"
  | "cnn-params"
  | "cnn-float-bits"
  | "cnn-float-acc"
  | "cnn-8-bits"
  | "cnn-8-acc"
  | "cnn-4-bits"
  | "cnn-4-acc"
  | "cnn-2-acc"
  | "cnn-trained-acc"
  | "best-arch"
  | "best-b"
  | "best-prune"
  | "best-bits"
  | "best-acc"
  | "best-per-param"
  | "best-data-kbits"
  | "best-total-kbits"
  | "two-part-vs-preq"
  | "networks-count"
  | "cells-count"
  | "live-total"
  | "live-n"
  | "seed"
  | "date"
  | "commit"
  | "backend"
  | "minutes";

export type MdlProseView = View<MdlProseKey>;

function compute(): MdlProseView {
  const f = readMdl();
  const preq = (key: string) => {
    const r = f.prequential.find((p) => p.arch === key);
    if (r === undefined) throw new Error(`description-length prose: no prequential run for ${key}`);
    return r;
  };
  const cnnKey = archKey(PYTORCH_2017_CNN);
  const cell = (arch: string, bits: number, prune = 0) => {
    const c = f.twoPart.find((x) => x.arch === arch && x.bits === bits && x.pruneFraction === prune);
    if (c === undefined) throw new Error(`description-length prose: no two-part cell ${arch} b=${bits} prune=${prune}`);
    return c;
  };
  const best = smallest99(f);
  const bp = bestPrequential(f);
  const n = f.labels.n;
  const network = f.networks.find((x) => x.arch === cnnKey);
  const live = f.liveRuns.find((r) => r.arch === LIVE_DEFAULT.arch && r.n === LIVE_DEFAULT.n);
  const orDash = (g: (b: NonNullable<typeof best>) => string): string => (best === undefined ? "–" : g(best));
  const twoPart = f.best;
  return {
    values: {
      n: formatInt(n),
      "uniform-bits": bitsText(f.labels.uniformBits),
      "uniform-kbits": kbitsText(f.labels.uniformBits),
      "entropy-bits": bitsText(f.labels.entropyBits),
      "entropy-kbits": kbitsText(f.labels.entropyBits),
      hy: formatFixed(f.labels.entropyBits / n, 4),
      log2_10: formatFixed(Math.log2(10), 4),
      "preq-logistic": kbitsText(preq("logistic").totalBits),
      "preq-logistic-per": perLabel(preq("logistic").bitsPerLabel),
      "preq-mlp": kbitsText(preq(archKey(mlp(95))).totalBits),
      "preq-mlp-per": perLabel(preq(archKey(mlp(95))).bitsPerLabel),
      "preq-cnn": kbitsText(preq(cnnKey).totalBits),
      "preq-cnn-per": perLabel(preq(cnnKey).bitsPerLabel),
      "preq-cnn-last-per": perLabel(preq(cnnKey).blocks.at(-1)?.bitsPerLabel ?? NaN),
      "preq-best": kbitsText(bp.totalBits),
      "preq-best-arch": archName(bp.arch),
      "preq-best-per": perLabel(bp.bitsPerLabel),
      "preq-best-last-per": perLabel(bp.blocks.at(-1)?.bitsPerLabel ?? NaN),
      "preq-best-ratio": formatFixed(f.labels.uniformBits / bp.totalBits, 1),
      "preq-first-block": bitsText(bp.blocks[0]?.bits ?? NaN),
      "preq-first-share": `${formatFixed((100 * (bp.blocks[0]?.bits ?? NaN)) / bp.totalBits, 1)}%`,
      "logistic-params": formatInt(paramCount(LOGISTIC)),
      "mlp-params": formatInt(paramCount(mlp(95))),
      "cnn-params": formatInt(paramCount(PYTORCH_2017_CNN)),
      "cnn-float-bits": bitsText(cell(cnnKey, 32).modelBits),
      "cnn-float-acc": percent(cell(cnnKey, 32).testAccuracy),
      "cnn-8-bits": bitsText(cell(cnnKey, 8).modelBits),
      "cnn-8-acc": percent(cell(cnnKey, 8).testAccuracy),
      "cnn-4-bits": bitsText(cell(cnnKey, 4).modelBits),
      "cnn-4-acc": percent(cell(cnnKey, 4).testAccuracy),
      "cnn-2-acc": percent(cell(cnnKey, 2).testAccuracy),
      "cnn-trained-acc": percent(network?.testAccuracy ?? NaN),
      "best-arch": best === undefined ? "none" : archLabel(best.arch),
      "best-b": orDash((b) => String(b.bits)),
      "best-prune": orDash((b) => pruneText(b.pruneFraction)),
      "best-bits": orDash((b) => bitsText(b.modelBits)),
      "best-acc": orDash((b) => withInterval(b.testAccuracy, servedTestImages())),
      "best-per-param": orDash((b) => formatFixed(b.modelBits / b.params, 2)),
      "best-data-kbits": twoPart === undefined ? "–" : kbitsText(twoPart.trainDataBits),
      "best-total-kbits": twoPart === undefined ? "–" : kbitsText(twoPart.trainDataBits + twoPart.cell.modelBits),
      "two-part-vs-preq":
        twoPart === undefined ? "–" : formatFixed((twoPart.trainDataBits + twoPart.cell.modelBits) / preq(twoPart.cell.arch).totalBits, 1),
      "networks-count": formatInt(f.networks.length),
      "cells-count": formatInt(f.twoPart.length),
      "live-total": live === undefined ? "–" : bitsText(live.totalBits),
      "live-n": formatInt(LIVE_DEFAULT.n),
      seed: String(f.provenance.seed),
      date: f.provenance.date.slice(0, 10),
      commit: f.provenance.gitCommit.slice(0, 7),
      backend: `${f.provenance.backend} (${f.provenance.backendDetail}), TensorFlow.js ${f.provenance.tfjsVersion}, Node ${f.provenance.node}`,
      minutes: formatFixed(f.provenance.seconds / 60, 1),
    },
  };
}

let memo: Promise<MdlProseView> | undefined;

/** Computed once per build, however many values the pages read. */
export function proseView(): Promise<MdlProseView> {
  memo ??= Promise.resolve().then(compute);
  return memo;
}

let frontierMemo: Promise<FrontierView> | undefined;

/** The frontier card's view, for the prose of this chapter, the Summary and the Introduction (one computation). */
export function frontierProse(): Promise<FrontierView> {
  frontierMemo ??= Promise.resolve().then(() => {
    const file = readFrontier();
    return frontierView(frontierInputs(file, frontierSelection(file)));
  });
  return frontierMemo;
}

/** What the goal asked for (a file of at most 8,000 bits at 99%), against what the search found under it. */
export const GOAL_BITS = 8000;

export type GoalKey = "goal-bits" | "goal-best" | "goal-best-bits" | "goal-best-test" | "goal-gap";

let goalMemo: Promise<View<GoalKey>> | undefined;

export function goalProse(): Promise<View<GoalKey>> {
  goalMemo ??= Promise.resolve().then(() => {
    const s = frontierSelection();
    const under = s.small.filter((c) => c.fileBits <= GOAL_BITS);
    const best = under.reduce<(typeof under)[number] | undefined>(
      (a, b) => (a === undefined || b.validationAccuracy > a.validationAccuracy ? b : a),
      undefined,
    );
    return {
      values: {
        "goal-bits": bitsText(GOAL_BITS),
        "goal-best": best === undefined ? "none" : percent(best.validationAccuracy),
        "goal-best-bits": best === undefined ? "–" : bitsText(best.fileBits),
        "goal-best-test": best === undefined ? "–" : percent(best.testAccuracy),
        "goal-gap": formatFixed(s.chosen.candidate.fileBits / GOAL_BITS, 1),
      },
    };
  });
  return goalMemo;
}
