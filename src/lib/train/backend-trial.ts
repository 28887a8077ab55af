/**
 * The trial a GPU backend (webgpu, webgl) passes before a training runs on it: its gradients on one seeded batch must
 * match the cpu backend's (gradient-compare.ts), and, for the automatic choice, it must train the reader's network
 * faster than the bit-exact backend (backend-timing.ts). A GPU that fails either is passed over, with the reason, in
 * favour of the bit-exact backend. Switches the active backend back and forth; ends with the chosen one active.
 */
import * as tf from "@tensorflow/tfjs";
import { parseArchKey } from "./arch.ts";
import { BACKEND_ORDER, type BackendChoice, type BackendName, type SkippedBackend } from "./backend.ts";
import { backendInWords } from "./backend-words.ts";
import { seededGradients, timeTraining } from "./backend-measure.ts";
import { decideByTiming, type TimedNetwork } from "./backend-timing.ts";
import type { LabelledImages } from "./batch.ts";
import { compareGradients, gradientCheckInWords, type GradientComparison } from "./gradient-compare.ts";

/**
 * Images in the gradient check's batch (fewer when the job's batch is smaller): enough for every kernel's reduction to
 * sum many terms, few enough that plain JavaScript takes the larger networks' gradients in a second or two.
 */
export const GRADIENT_CHECK_IMAGES = 32;

export interface TrialOptions {
  network: TimedNetwork;
  /** The training images; the trial uses the first few thousand at most. */
  images: LabelledImages;
  /** Time the GPU against `fallback` (the automatic choice); otherwise the reader asked for it, and only its gradients are checked. */
  timed: boolean;
  /** Activates the bit-exact backend (wasm, else cpu) and resolves to its choice. */
  fallback: () => Promise<BackendChoice>;
  /** What the trial is doing, in words, for the page's status line. */
  onStatus?: (text: string) => void;
  signal?: AbortSignal;
}

async function activate(name: BackendName): Promise<void> {
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') failed`);
}

function sortedSkips(skips: readonly SkippedBackend[]): SkippedBackend[] {
  return [...skips].sort((a, b) => BACKEND_ORDER.indexOf(a.backend) - BACKEND_ORDER.indexOf(b.backend));
}

/** The fallback's choice, listing what the GPU's choice had passed over and why the GPU itself was. */
function instead(gpu: BackendChoice, fallback: BackendChoice, passed: readonly SkippedBackend[]): BackendChoice {
  return { ...fallback, skipped: sortedSkips([...gpu.skipped, ...passed, ...fallback.skipped]) };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The GPU's own part of the trial: its gradients against cpu's, then (if they agree and the choice is timed) its time. */
async function onGpu(gpu: BackendChoice, o: TrialOptions, words: string): Promise<{ check: GradientComparison; ms?: number }> {
  const arch = parseArchKey(o.network.arch);
  const count = Math.min(o.network.batchSize, GRADIENT_CHECK_IMAGES);
  o.onStatus?.(`Checking the gradients of ${words} against the CPU backend's…`);
  await activate("cpu");
  const cpu = await seededGradients(arch, o.images, count);
  o.signal?.throwIfAborted();
  await activate(gpu.backend);
  const check = compareGradients((await seededGradients(arch, o.images, count, cpu.weights)).gradients, cpu.gradients);
  if (!check.agree || !o.timed) return { check };
  o.onStatus?.(`Timing ${words} on this network…`);
  return { check, ms: await timeTraining(arch, o.images, o.network.batchSize, o.signal) };
}

/** `gpu` (active) on trial; resolves to the backend to train on, active, with its gradient check and timing in words. */
export async function trialGpuBackend(gpu: BackendChoice, o: TrialOptions): Promise<BackendChoice> {
  const words = backendInWords(gpu);
  let trial: { check: GradientComparison; ms?: number };
  try {
    trial = await onGpu(gpu, o, words);
  } catch (e) {
    if (o.signal?.aborted === true) throw e;
    return instead(gpu, await o.fallback(), [{ backend: gpu.backend, reason: `it failed its trial run (${message(e)})` }]);
  }
  if (!trial.check.agree) return instead(gpu, await o.fallback(), [{ backend: gpu.backend, reason: gradientCheckInWords(trial.check) }]);
  const checked: BackendChoice = { ...gpu, gradientCheck: trial.check };
  if (trial.ms === undefined) return checked;
  const exact = await o.fallback();
  const exactWords = backendInWords(exact);
  o.onStatus?.(`Timing ${exactWords} on this network…`);
  const exactMs = await timeTraining(parseArchKey(o.network.arch), o.images, o.network.batchSize, o.signal);
  const decision = decideByTiming([
    { backend: gpu.backend, words, msPerBatch: trial.ms, bitExact: gpu.bitExact },
    { backend: exact.backend, words: exactWords, msPerBatch: exactMs, bitExact: exact.bitExact },
  ]);
  if (decision.backend === exact.backend) return { ...instead(gpu, exact, decision.passedOver), why: decision.why };
  await activate(gpu.backend);
  return { ...checked, why: decision.why };
}
