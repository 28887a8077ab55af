/**
 * Chapter 5's reference prequential code of the 60,000 training labels as a real bitstream: `npm run description-length`.
 *
 *   tsx scripts/label-code.ts [--jobs N] [--minutes M] [--allow-dirty] [--assemble-only]
 *
 * Two stages:
 *   1. Cells (resumable, parallel): every model family of src/lib/mdl/label-code-plan.ts trained on every prefix of
 *      the labels, predicting the labels after it. Each finished cell goes at once into content/data/label-code.json
 *      with its provenance and the SHA-256 of its predictions, which are kept in .cache/label-code/ (not committed:
 *      12 MB). Cells already recorded with their predictions present are skipped, so the next invocation continues.
 *   2. Assembly: every variant (the full recipe and its ablations) is encoded from the cached predictions with the real
 *      arithmetic coder; the shortest is shipped, decoded back (from the same cached predictions) and compared with
 *      the labels.
 * Reference results must come from a clean commit: without --allow-dirty a dirty tree is refused.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { bytesToHex } from "@noble/hashes/utils.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { readServedManifest } from "../src/lib/data/node.ts";
import { decodeLabels, encodeLabels, type Expert } from "../src/lib/mdl/label-code.ts";
import {
  CELLS,
  LABELS,
  LIVE_FAMILY,
  LIVE_LABEL_SIZES,
  PRECISION_BITS,
  RECIPES_COMPARED,
  VARIANTS,
  cellId,
  chooseShortest,
  liveSetting,
  recipeIndex,
  variantById,
  type CodeVariant,
} from "../src/lib/mdl/label-code-plan.ts";
import { parseLabelCodeFile, type LabelCell, type LabelCodeFile, type VariantResult } from "../src/lib/mdl/label-code-results.ts";
import { averageProbabilities, familyKey, trainAndPredict, type FamilySpec } from "../src/lib/mdl/tf-experts.ts";
import { codeVersion, packageVersion, refuseDirtyTree, runCellInChild, startReferenceRun, writeJsonAtomic } from "./reference-run.ts";

const OUT = "content/data/label-code.json";
const CACHE = ".cache/label-code";
const { values } = parseArgs({
  options: {
    jobs: { type: "string" },
    minutes: { type: "string" },
    cell: { type: "string" },
    "allow-dirty": { type: "boolean", default: false },
    "assemble-only": { type: "boolean", default: false },
  },
});

const cachePath = (id: string): string => join(CACHE, `${id.replace(/[^A-Za-z0-9@.,+-]/g, "_")}.f32`);

async function runChild(id: string): Promise<void> {
  const plan = CELLS.find((c) => cellId(c) === id);
  if (plan === undefined) throw new Error(`no cell '${id}' in src/lib/mdl/label-code-plan.ts`);
  const { gitCommit, clean } = codeVersion();
  const run = await startReferenceRun();
  const images = run.mnist.train;
  const started = performance.now();
  const logp = Float32Array.from(await trainAndPredict(plan.family, images, images.labels.slice(0, plan.prefix), plan.end));
  const seconds = (performance.now() - started) / 1000;
  const bytes = new Uint8Array(logp.buffer);
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(cachePath(id), bytes);
  // The cost of the labels right after the prefix (up to the next fine block), for the log and the table of cells.
  let bits = 0;
  for (let i = 0; i < plan.end - plan.prefix; i++) bits -= logp[i * 10 + images.labels[plan.prefix + i]!]! / Math.LN2;
  const result: LabelCell = {
    id,
    family: familyKey(plan.family),
    prefix: plan.prefix,
    end: plan.end,
    seconds,
    uncalibratedBitsPerLabel: bits / (plan.end - plan.prefix),
    sha256: bytesToHex(sha256(bytes)),
    provenance: {
      gitCommit,
      clean,
      finishedAt: new Date().toISOString(),
      backend: run.choice.backend,
      backendDetail: run.choice.detail,
      tfjsVersion: packageVersion("@tensorflow/tfjs"),
      node: process.version,
    },
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
}

function load(): LabelCodeFile {
  if (existsSync(OUT)) return parseLabelCodeFile(readFileSync(OUT, "utf8"), OUT);
  const dataSha256 = Object.fromEntries(Object.entries(readServedManifest().files).map(([key, f]) => [key, f.sha256]));
  return { version: 1, n: LABELS, dataSha256, cells: [], variants: [], chosen: "", recipesCompared: [...RECIPES_COMPARED], live: [] };
}

function save(file: LabelCodeFile): void {
  const order = new Map(CELLS.map((c, i) => [cellId(c), i]));
  file.cells.sort((a, b) => (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9));
  mkdirSync(dirname(OUT), { recursive: true });
  writeJsonAtomic(OUT, file);
}

function cached(file: LabelCodeFile, id: string): Float32Array | undefined {
  const cell = file.cells.find((c) => c.id === id);
  const path = cachePath(id);
  if (cell === undefined || !existsSync(path)) return undefined;
  const bytes = new Uint8Array(readFileSync(path));
  if (bytesToHex(sha256(bytes)) !== cell.sha256) return undefined;
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

/** An expert answering from the cache: the ensemble of `families` trained on the block's prefix. */
function cachedExpert(file: LabelCodeFile, families: readonly FamilySpec[]): Expert {
  return {
    name: families.map(familyKey).join(" + "),
    predict: (labels, start, end) => {
      const members = families.map((f) => {
        const id = cellId({ family: f, prefix: start });
        const logp = cached(file, id);
        if (logp === undefined) throw new Error(`cell ${id} is missing: run the cells first`);
        if (logp.length < (end - start) * 10)
          throw new Error(`cell ${id} predicts ${logp.length / 10} labels, the block needs ${end - start}`);
        return logp.subarray(0, (end - start) * 10);
      });
      void labels;
      return Promise.resolve(averageProbabilities(members));
    },
  };
}

const settingOf = (v: CodeVariant) => ({ ends: v.ends, mixture: v.mixture, precisionBits: PRECISION_BITS, recipe: recipeIndex(v) });

async function assemble(file: LabelCodeFile, labels: Uint8Array): Promise<void> {
  const { gitCommit, clean } = codeVersion();
  const variants: VariantResult[] = [];
  const streams = new Map<string, Uint8Array>();
  for (const v of VARIANTS) {
    const experts = v.experts.map((f) => cachedExpert(file, f));
    const started = performance.now();
    const code = await encodeLabels(labels, experts, settingOf(v));
    streams.set(v.id, code.bytes);
    variants.push({
      id: v.id,
      label: v.label,
      experts: v.experts.map((f) => f.map(familyKey)),
      ends: [...v.ends],
      mixture: v.mixture,
      bitLength: code.bitLength,
      idealBits: code.idealBits,
      recipeBits: code.recipeBits,
      blocks: code.blocks,
      encodeSeconds: (performance.now() - started) / 1000,
      gitCommit,
      clean,
    });
    console.log(`${v.id}: ${code.bitLength} bits (ideal ${code.idealBits.toFixed(1)})`);
  }
  // The shortest stream is shipped; its first symbol names its recipe among those compared, which pays for the choice.
  const chosen = chooseShortest(variants);
  const bytes = streams.get(chosen.id)!;
  const plan = variantById(chosen.id);
  const t0 = performance.now();
  const back = await decodeLabels(
    bytes,
    labels.length,
    plan.experts.map((f) => cachedExpert(file, f)),
    settingOf(plan),
  );
  const same = back.labels.every((l, i) => l === labels[i]);
  if (!same) throw new Error(`the shipped stream (${chosen.id}) does not decode to the labels`);
  chosen.stream = {
    base64: Buffer.from(bytes).toString("base64"),
    sha256: bytesToHex(sha256(bytes)),
    decodedEqual: same,
    decodeSeconds: (performance.now() - t0) / 1000,
  };
  file.chosen = chosen.id;
  console.log(`shipped: ${chosen.id}, ${chosen.bitLength} bits, decoded back in ${chosen.stream.decodeSeconds.toFixed(1)} s`);
  file.variants = variants;
  file.recipesCompared = [...RECIPES_COMPARED];
  file.live = [];
  for (const n of LIVE_LABEL_SIZES) {
    const code = await encodeLabels(labels.subarray(0, n), [cachedExpert(file, [LIVE_FAMILY])], liveSetting(n));
    file.live.push({
      n,
      bitLength: code.bitLength,
      idealBits: code.idealBits,
      blocks: code.blocks,
      sha256: bytesToHex(sha256(code.bytes)),
    });
    console.log(`live n=${n}: ${code.bitLength} bits`);
  }
  save(file);
}

async function runParent(): Promise<void> {
  refuseDirtyTree(values["allow-dirty"]);
  const file = load();
  const todo = values["assemble-only"] ? [] : CELLS.map(cellId).filter((id) => cached(file, id) === undefined);
  const jobs = Number(values.jobs ?? availableParallelism());
  const deadline = values.minutes === undefined ? Infinity : Date.now() + Number(values.minutes) * 60_000;
  console.log(`${CELLS.length - todo.length} cells cached, ${todo.length} to run, ${jobs} at a time`);
  const started = Date.now();
  let failures = 0;
  const worker = async (): Promise<void> => {
    for (let id = todo.shift(); id !== undefined && Date.now() < deadline; id = todo.shift()) {
      try {
        const cell = await runCellInChild<LabelCell>(fileURLToPath(import.meta.url), id);
        file.cells = file.cells.filter((c) => c.id !== id).concat(cell);
        save(file);
        console.log(
          `[${((Date.now() - started) / 1000).toFixed(0)} s] ${id}: ${cell.uncalibratedBitsPerLabel.toFixed(4)} bits/label, ${cell.seconds.toFixed(0)} s`,
        );
      } catch (e) {
        failures++;
        console.error((e as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  if (todo.length > 0 || failures > 0) {
    console.log(`${todo.length} cells left, ${failures} failed: run again to continue`);
    process.exitCode = failures > 0 ? 1 : 0;
    return;
  }
  const { mnist } = await startReferenceRun();
  await assemble(file, mnist.train.labels.slice(0, LABELS));
  console.log(`wrote ${OUT}`);
}

if (values.cell !== undefined) await runChild(values.cell);
else await runParent();
