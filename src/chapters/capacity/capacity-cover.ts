import { lazy } from "../../client/lazy.ts";
import { coverCurve } from "../../lib/capacity/cover.ts";
import { coverTableRows, exactCountRows } from "../../lib/capacity/tables.ts";
import { exactCaption, exactRowCells, formatCoverShare } from "../../lib/capacity/text.ts";
import { formatFixed } from "../../lib/format.ts";
import { required } from "../../client/dom.ts";
import { CURVE_POINTS, EXACT_K, MAX_CUSTOM_K } from "./capacity-cover-settings.ts";

const coverChart = lazy(() => import("../../charts/capacity-cover.ts"));

/**
 * Makes Cover's chart live: the reader picks which K to draw, and may add one K of their own, whose exact counts then
 * fill the exact table. Everything here is a few milliseconds of BigInt arithmetic, so it runs on the main thread.
 */
class CapacityCoverElement extends HTMLElement {
  connectedCallback(): void {
    const form = this.el<HTMLFormElement>("[data-controls]");
    form.hidden = false;
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.update();
    });
    form.addEventListener("change", (e) => {
      if ((e.target as HTMLInputElement).name === "k") this.update();
    });
  }

  private el<T extends HTMLElement = HTMLElement>(selector: string): T {
    return required<T>(this, selector);
  }

  /** The K the reader asked for, or an error message; undefined when the box is empty. */
  private customK(): number | string | undefined {
    const raw = this.el<HTMLInputElement>("[data-custom-k]").value.trim();
    if (raw === "") return undefined;
    const k = Number(raw);
    if (!Number.isInteger(k) || k < 1 || k > MAX_CUSTOM_K) return `K must be a whole number from 1 to ${MAX_CUSTOM_K}, not “${raw}”.`;
    return k;
  }

  private update(): void {
    const error = this.el("[data-error]");
    const custom = this.customK();
    if (typeof custom === "string") {
      error.textContent = custom;
      error.hidden = false;
      return;
    }
    error.hidden = true;
    const checked = [...this.querySelectorAll<HTMLInputElement>('input[name="k"]:checked')].map((i) => Number(i.value));
    const ks = [...new Set([...checked, ...(custom === undefined ? [] : [custom])])].sort((a, b) => a - b);
    const started = performance.now();
    const series = ks.map((k) => ({ k, points: coverCurve(k, { maxPoints: CURVE_POINTS }) }));
    this.fillCoverTable(ks);
    const exactK = custom ?? EXACT_K;
    this.fillExactTable(exactK);
    const computeMs = performance.now() - started;
    void coverChart(({ capacityCoverChart }) => {
      this.el("[data-chart]").replaceChildren(capacityCoverChart(series, { document }));
      this.dataset["ks"] = ks.join(",");
      this.dataset["state"] = "drawn";
      this.el("[data-status]").textContent =
        `Recomputed exactly in your browser in ${Math.max(1, Math.round(computeMs))} ms: ` +
        (ks.length === 0 ? "no curve selected." : `curves for K = ${ks.join(", ")}; exact counts for K = ${exactK}.`);
    });
  }

  private fillCoverTable(ks: readonly number[]): void {
    const table = this.el<HTMLTableElement>("[data-cover-table]");
    const head = required<HTMLTableRowElement>(table, "thead tr");
    head.replaceChildren(cell("th", "N / K"), ...ks.map((k) => cell("th", `K = ${k}`)));
    const body = required(table, "tbody");
    body.replaceChildren(
      ...coverTableRows(ks).map((row) => {
        const tr = document.createElement("tr");
        tr.append(
          cell("th", formatFixed(row.ratio, 1), "row"),
          ...row.cells.map((c) => cell("td", formatCoverShare(c.fraction, c.n, c.k))),
        );
        return tr;
      }),
    );
  }

  private fillExactTable(k: number): void {
    const table = this.el<HTMLTableElement>("[data-exact-table]");
    required(table, "[data-exact-caption]").textContent = exactCaption(k);
    required(table, "tbody").replaceChildren(
      ...exactCountRows(k).map((row) => {
        const [n = "", ...rest] = exactRowCells(row);
        const tr = document.createElement("tr");
        tr.append(cell("th", n, "row"), ...rest.map((c) => cell("td", c)));
        return tr;
      }),
    );
  }
}

function cell(tag: "th" | "td", text: string, scope: "col" | "row" = "col"): HTMLTableCellElement {
  const el = document.createElement(tag);
  el.textContent = text;
  if (tag === "th") el.scope = scope;
  return el;
}

if (!customElements.get("mb-capacity-cover")) customElements.define("mb-capacity-cover", CapacityCoverElement);
