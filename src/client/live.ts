/**
 * One polite live region per island (`aria-live="polite"`, visually hidden with Starlight's `sr-only`): what a screen
 * reader hears of a run (its start, a few milestones, its result) and of the island's other actions ("Link copied").
 * The visible status lines change on every progress tick and are not live, so a reader is not read every batch.
 */

/** The island an element belongs to: its nearest custom element (`<mb-…>`), or the element itself outside one. */
export function islandOf(el: Element): Element {
  for (let e: Element | null = el; e !== null; e = e.parentElement) if (e.localName.includes("-")) return e;
  return el;
}

/**
 * The island's live region, made on first use inside its card (its first `<section>`, else the island itself), so
 * it exists before anything is said in it: a region created and filled at once is often not read.
 */
export function liveRegion(el: Element): HTMLElement {
  const host = islandOf(el);
  const existing = host.querySelector<HTMLElement>("[data-live-region]");
  if (existing !== null) return existing;
  const region = host.ownerDocument.createElement("p");
  region.className = "sr-only";
  region.setAttribute("aria-live", "polite");
  region.setAttribute("aria-atomic", "true");
  region.dataset["liveRegion"] = "";
  (host.querySelector(":scope > section") ?? host).append(region);
  return region;
}

/** Says `text` in the island's live region; saying the same text twice is read twice (its text node is new). */
export function announce(el: Element, text: string): void {
  const region = liveRegion(el);
  region.replaceChildren(region.ownerDocument.createTextNode(text));
}
