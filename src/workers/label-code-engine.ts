/**
 * Chapter 5's live label code inside the TensorFlow.js worker: encodes the first n training labels with the live
 * setting (logistic regression retrained on every prefix, in the switching mixture with the uniform distribution),
 * then decodes the stream with a second expert that trains only on the labels it has decoded, and counts how many
 * decoded labels equal the originals. wasm (or cpu) repeats a training bit for bit, which decoding needs.
 */
import type { Mnist } from "../lib/data/mnist.ts";
import { decodeLabels, encodeLabels, type Expert } from "../lib/mdl/label-code.ts";
import { LIVE_FAMILY, liveSetting } from "../lib/mdl/label-code-plan.ts";
import { trainingExpert } from "../lib/mdl/tf-experts.ts";
import type { LabelCodeEvent, LabelCodeJob, LabelCodeResult } from "./prequential-protocol.ts";

export async function runLabelCode(
  task: LabelCodeJob,
  mnist: Mnist,
  progress: (e: LabelCodeEvent) => void,
  signal: AbortSignal,
): Promise<LabelCodeResult> {
  const setting = liveSetting(task.n);
  const labels = mnist.train.labels.slice(0, task.n);
  const expert = (phase: "encode" | "decode"): Expert => {
    const inner = trainingExpert(LIVE_FAMILY, mnist.train);
    return {
      name: inner.name,
      predict: (sent, start, end, s) => {
        progress({ type: "label-training", phase, trainSize: sent.length });
        return inner.predict(sent, start, end, s);
      },
    };
  };
  const t0 = performance.now();
  const code = await encodeLabels(labels, [expert("encode")], setting, {
    signal,
    onBlock: (block, blocksDone, blocks) => progress({ type: "label-block", phase: "encode", block, blocksDone, blocks }),
  });
  const t1 = performance.now();
  const back = await decodeLabels(code.bytes, task.n, [expert("decode")], setting, {
    signal,
    onBlock: (block, blocksDone, blocks) => progress({ type: "label-block", phase: "decode", block, blocksDone, blocks }),
  });
  let decodedEqual = 0;
  for (let i = 0; i < task.n; i++) if (back.labels[i] === labels[i]) decodedEqual++;
  return {
    kind: "label-code",
    n: task.n,
    bytes: code.bytes,
    bitLength: code.bitLength,
    idealBits: code.idealBits,
    blocks: code.blocks,
    decodedEqual,
    encodeSeconds: (t1 - t0) / 1000,
    decodeSeconds: (performance.now() - t1) / 1000,
  };
}
