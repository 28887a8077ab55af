import { required } from "../../client/dom.ts";
import { patch } from "../../client/patch.ts";
import { seedSearch } from "../../lib/stats/seed-search.ts";
import { liveCounts } from "./channel.ts";
import { confirmedStatus, seedSearchView } from "./seed-search-view.ts";

/** Reruns the 191-bit search on the counts the chapter's island loaded, and marks each built value confirmed or not. */
class SeedSearchElement extends HTMLElement {
  private unsubscribe: (() => void) | undefined;

  connectedCallback(): void {
    // What the live check found goes before the built line, in one place however often the data is loaded.
    const note = document.createElement("span");
    this.unsubscribe = liveCounts.subscribe(({ train, test }) => {
      const { mismatches } = patch(this, seedSearchView(seedSearch(train, test)), { confirm: true });
      this.dataset["state"] = "confirmed";
      note.textContent = confirmedStatus(mismatches);
      if (!note.isConnected) required(this, "[data-status]").prepend(note);
    });
  }

  disconnectedCallback(): void {
    this.unsubscribe?.();
  }
}

export default SeedSearchElement;
