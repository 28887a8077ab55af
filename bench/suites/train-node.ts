/** Item 3 in Node: engine vs reference loop for the 21,840-parameter CNN on wasm and on cpu. */
import { loadMnistNode } from "../../src/lib/data/node.ts";
import { selectBackend, type BackendName } from "../../src/lib/train/backend.ts";
import { compareTraining, type CompareSettings, type TrainComparison } from "../lib/compare-train.ts";

export async function benchTrainNode(perBackend: Partial<Record<BackendName, CompareSettings>>): Promise<TrainComparison[]> {
  const images = loadMnistNode().train;
  const out: TrainComparison[] = [];
  for (const backend of ["wasm", "cpu"] as const) {
    const settings = perBackend[backend];
    if (settings === undefined) continue;
    await selectBackend({ order: [backend] });
    out.push(await compareTraining(backend, images, settings));
  }
  return out;
}
