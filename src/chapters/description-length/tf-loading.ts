import { sizesText, type DataSizes } from "../../client/data-sizes.ts";
import type { PanelRun } from "../../client/job-panel.ts";
import type { TfEvent } from "../../workers/tf-protocol.ts";

/**
 * The status of the two steps every chapter 5 TensorFlow.js job starts with (the dataset download, said with its two
 * sizes as every island says it, and loading the engine), shared by its islands so they say it the same way. Returns
 * false for any other event.
 */
export function showTfLoading(run: PanelRun, e: TfEvent, sizes: DataSizes): boolean {
  if (e.type === "download") {
    run.progress(e.fraction, `Downloading MNIST (${sizesText(sizes)}${e.reused > 0 ? "; part of it from this page's copy" : ""})`);
    return true;
  }
  if (e.type === "loading-engine") {
    run.status("Loading TensorFlow.js…");
    return true;
  }
  return false;
}
