/** Build-time access to the dataset sweep (content/data/datasets.json, written by scripts/datasets.ts). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDatasetsFile, type DatasetsFile } from "../lib/datasets/results.ts";

export const DATASETS_PATH = join(process.cwd(), "content", "data", "datasets.json");

let cached: DatasetsFile | undefined;

export function readDatasets(): DatasetsFile {
  cached ??= parseDatasetsFile(readFileSync(DATASETS_PATH, "utf8"), DATASETS_PATH);
  return cached;
}
