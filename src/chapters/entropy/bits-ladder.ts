import { lazy } from "../../client/lazy.ts";
import { required } from "../../client/dom.ts";
import { describeBinarization } from "../../lib/stats/binarization.ts";
import { bitsLadder, type LadderInputs } from "../../lib/stats/bits-ladder.ts";
import { LADDER_EVENT } from "../binarization/ch12-events.ts";
import { ladderCells } from "../binarization/ch12-format.ts";
import { replaceChart } from "../binarization/stats-client.ts";

const ladderChart = lazy(() => import("../../charts/bits-ladder.ts"));

/** Redraws the ladder (chart and table) from the live results the chapter's island publishes. */
class BitsLadderElement extends HTMLElement {
  private readonly onInputs = (e: Event): void => {
    const inputs = (e as CustomEvent<LadderInputs>).detail;
    const rungs = bitsLadder(inputs);
    void ladderChart(({ bitsLadderChart }) => replaceChart(required(this, '[data-chart="ladder"]'), bitsLadderChart(rungs, { document })));
    const tbody = required(this, '[data-table="ladder"] tbody');
    tbody.replaceChildren(
      ...rungs.map((r) => {
        const tr = document.createElement("tr");
        ladderCells(r).forEach((c, j) => {
          const cell = document.createElement(j === 0 ? "th" : "td");
          if (j === 0) cell.setAttribute("scope", "row");
          if (j !== 1) cell.className = "mb-left";
          cell.textContent = c;
          tr.append(cell);
        });
        return tr;
      }),
    );
    required(this, "[data-ladder-label]").textContent = `live, ${describeBinarization(inputs.binarization)}`;
    this.dataset["binarization"] = describeBinarization(inputs.binarization);
  };

  connectedCallback(): void {
    document.addEventListener(LADDER_EVENT, this.onInputs);
  }

  disconnectedCallback(): void {
    document.removeEventListener(LADDER_EVENT, this.onInputs);
  }
}

if (!customElements.get("mb-bits-ladder")) customElements.define("mb-bits-ladder", BitsLadderElement);
