import { required } from "../../client/dom.ts";
import { formatFixed } from "../../lib/format.ts";
import type { PixelCounts } from "../../lib/stats/pixel-counts.ts";
import { seedSearch } from "../../lib/stats/seed-search.ts";
import { STATS_COUNTS_EVENT } from "../binarization/ch12-events.ts";
import { seedSearchTable } from "./seed-table.ts";

/** Reruns the 191-bit search on the counts the chapter's island loaded, and marks each built cell confirmed or not. */
class SeedSearchElement extends HTMLElement {
  private readonly onCounts = (e: Event): void => {
    const { train, test } = (e as CustomEvent<{ train: PixelCounts; test: PixelCounts }>).detail;
    const search = seedSearch(train, test);
    let mismatches = 0;
    const confirm = (key: string, live: string): void => {
      const td = required(this, `[data-value="${key}"]`);
      const same = td.textContent?.trim() === live;
      if (!same) mismatches++;
      td.textContent = live;
      td.dataset["confirmed"] = same ? "yes" : "no";
    };
    for (const r of seedSearchTable(search).rows) {
      r.cells.forEach((c, j) => confirm(`seed-${r.id}-${j}`, c));
      confirm(`seed-${r.id}-closest`, r.closest);
    }
    search.rows.forEach((r, k) => confirm(`seed-full-${k}`, `${formatFixed(r.value, 3)} ${r.unit}`));
    this.dataset["state"] = "confirmed";
    required(this, "[data-status]").prepend(
      mismatches === 0
        ? "Recomputed in your browser from the loaded data: every value matches the build. "
        : `Recomputed in your browser: ${mismatches} values differ from the build. `,
    );
  };

  connectedCallback(): void {
    document.addEventListener(STATS_COUNTS_EVENT, this.onCounts);
  }

  disconnectedCallback(): void {
    document.removeEventListener(STATS_COUNTS_EVENT, this.onCounts);
  }
}

if (!customElements.get("mb-seed-search")) customElements.define("mb-seed-search", SeedSearchElement);
