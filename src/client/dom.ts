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
