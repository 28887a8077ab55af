/**
 * The TensorFlow.js worker's label-code job, run in Node on wasm: it encodes the first 1,024 labels into exactly the
 * stream the committed reference run wrote (same SHA-256), decodes it back by retraining every model from the decoded
 * labels alone, and stops on Cancel.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadMnistNode } from "../../src/lib/data/node.ts";
import { parseLabelCodeFile } from "../../src/lib/mdl/label-code-results.ts";
import { liveSetting } from "../../src/lib/mdl/label-code-plan.ts";
import { runLabelCode } from "../../src/workers/label-code-engine.ts";
import type { LabelCodeEvent } from "../../src/workers/prequential-protocol.ts";
import { useWasm } from "../lib/train/helpers.ts";

const path = join(process.cwd(), "content", "data", "label-code.json");
const file = parseLabelCodeFile(readFileSync(path, "utf8"), path);

describe("runLabelCode", () => {
  beforeAll(useWasm);

  it("writes the reference stream for the first 1,024 labels and decodes it back to them", async () => {
    const ref = file.live.find((r) => r.n === 1024);
    expect(ref).toBeDefined();
    const events: LabelCodeEvent[] = [];
    const mnist = loadMnistNode();
    const result = await runLabelCode({ kind: "label-code", n: 1024 }, mnist, (e) => events.push(e), new AbortController().signal);
    expect(createHash("sha256").update(result.bytes).digest("hex")).toBe(ref?.sha256);
    expect(result.bitLength).toBe(ref?.bitLength);
    expect(result.bytes.length).toBe(Math.ceil(result.bitLength / 8));
    expect(result.decodedEqual).toBe(1024);
    expect(result.blocks.map((b) => b.bits)).toEqual(ref?.blocks.map((b) => b.bits));
    const blocks = liveSetting(1024).ends.length;
    const encoded = events.filter((e) => e.type === "label-block" && e.phase === "encode");
    const decoded = events.filter((e) => e.type === "label-block" && e.phase === "decode");
    expect(encoded.length).toBe(blocks);
    expect(decoded.length).toBe(blocks);
    // The decoder's models trained on the decoded labels only: every training it reported was on a prefix.
    const trainSizes = events.flatMap((e) => (e.type === "label-training" && e.phase === "decode" ? [e.trainSize] : []));
    expect(trainSizes).toEqual(liveSetting(1024).ends.slice(0, -1));
  });

  it("stops when cancelled mid-run", async () => {
    const controller = new AbortController();
    const run = runLabelCode(
      { kind: "label-code", n: 1024 },
      loadMnistNode(),
      (e) => {
        if (e.type === "label-block" && e.blocksDone === 3) controller.abort();
      },
      controller.signal,
    );
    await expect(run).rejects.toThrow();
  });

  it("refuses a size the page does not offer", async () => {
    await expect(runLabelCode({ kind: "label-code", n: 5000 }, loadMnistNode(), () => {}, new AbortController().signal)).rejects.toThrow(
      "the live label code runs on",
    );
  });
});
