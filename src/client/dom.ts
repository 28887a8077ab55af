import type { DataSizes } from "./data-sizes.ts";

/** A required child element: islands render their own markup at build time, so a missing piece is a bug worth a loud error. */
export function required<T extends Element = HTMLElement>(root: ParentNode, selector: string): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`missing ${selector}`);
  return el;
}

/** The served dataset's folder for an island, from its build-time data-data-url, as an absolute URL a worker can fetch. */
export function islandDataUrl(island: HTMLElement): string {
  return new URL(island.dataset["dataUrl"] ?? "data/", location.href).href;
}

/**
 * The dataset's download and decoded sizes the build put in data-data-sizes (data-sizes.ts), on the island or inside
 * it; zeros when the markup has none.
 */
export function islandDataSizes(island: HTMLElement): DataSizes {
  const el = island.closest<HTMLElement>("[data-data-sizes]") ?? island.querySelector<HTMLElement>("[data-data-sizes]");
  return JSON.parse(el?.dataset["dataSizes"] ?? '{"download":0,"decoded":0}') as DataSizes;
}
