import { chartWidth } from "../../client/chart-width.ts";
import { lazy } from "../../client/lazy.ts";
import { required } from "../../client/dom.ts";
import { patch } from "../../client/patch.ts";
import { describeBinarization } from "../../lib/stats/binarization.ts";
import type { StochasticReference } from "../../lib/stats/bits-ladder.ts";
import { replaceChart } from "../binarization/stats-client.ts";
import { liveLadderView } from "./bits-ladder-view.ts";
import { liveLadder } from "./channel.ts";

const ladderChart = lazy(() => import("../../charts/bits-ladder.ts"));

/** Redraws the ladder (chart and table) from the live results the chapter's island publishes. */
class BitsLadderElement extends HTMLElement {
  private unsubscribe: (() => void) | undefined;

  connectedCallback(): void {
    // The stochastic reference is the build's, whatever binarization the reader is exploring.
    const stochastic = JSON.parse(this.dataset["stochastic"] ?? "null") as StochasticReference | null;
    this.unsubscribe = liveLadder.subscribe((live) => {
      const inputs = stochastic === null ? live : { ...live, stochastic };
      const { rungs, view } = liveLadderView(inputs);
      void ladderChart(({ bitsLadderChart }) => {
        const host = required(this, '[data-chart="ladder"]');
        replaceChart(host, bitsLadderChart(rungs, { document, width: chartWidth(host) }));
      });
      patch(this, view);
      this.dataset["binarization"] = describeBinarization(inputs.binarization);
    });
  }

  disconnectedCallback(): void {
    this.unsubscribe?.();
  }
}

export default BitsLadderElement;
