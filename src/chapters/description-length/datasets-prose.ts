/** The dataset sweep's view for chapter 5's prose (one computation per build). Build-time only. */
import { readDatasets } from "../../build/datasets-build.ts";
import { DATASETS } from "../../lib/datasets/catalog.ts";
import { datasetsView, type DatasetsView } from "./datasets-view.ts";

let memo: Promise<DatasetsView> | undefined;

export function datasetsProse(): Promise<DatasetsView> {
  memo ??= Promise.resolve().then(() => datasetsView(readDatasets(), DATASETS));
  return memo;
}
