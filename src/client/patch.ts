import type { TableRow, View } from "./view.ts";

export interface PatchOptions {
  /**
   * Compare each value and cell with what the page shows before replacing it, and mark it `data-confirmed="yes"` or
   * `"no"`: how a live run confirms the numbers computed at build time.
   */
  confirm?: boolean;
}

export interface PatchResult {
  /** Values and cells whose live text differs from the text they replaced (always 0 without `confirm`). */
  mismatches: number;
}

/**
 * Writes a view into an island's markup: every `[data-value=key]` inside `host` gets its text, every
 * `tbody[data-rows=name]` its rows (the markup Rows.astro renders). A key the markup lacks is a bug and throws.
 */
export function patch<K extends string, T extends string>(host: ParentNode, view: View<K, T>, options: PatchOptions = {}): PatchResult {
  let mismatches = 0;
  for (const [key, text] of Object.entries<string>(view.values)) {
    const targets = host.querySelectorAll<HTMLElement>(`[data-value="${key}"]`);
    if (targets.length === 0) throw new Error(`missing [data-value="${key}"]`);
    for (const el of targets) {
      if (options.confirm === true) mismatches += confirmText(el, text) ? 0 : 1;
      if (el.textContent !== text) el.textContent = text;
    }
  }
  for (const [table, rows] of Object.entries<readonly TableRow[]>(view.tables ?? {})) {
    const body = host.querySelector<HTMLTableSectionElement>(`tbody[data-rows="${table}"]`);
    if (body === null) throw new Error(`missing tbody[data-rows="${table}"]`);
    if (options.confirm === true) mismatches += confirmRows(body, rows);
    else body.replaceChildren(...rows.map((row) => rowElement(body.ownerDocument, row)));
  }
  return { mismatches };
}

function confirmText(el: HTMLElement, text: string): boolean {
  const same = el.textContent.trim() === text;
  el.dataset["confirmed"] = same ? "yes" : "no";
  return same;
}

/** Confirms cell by cell where the shape matches; a table of another shape is replaced and counts as one mismatch. */
function confirmRows(body: HTMLTableSectionElement, rows: readonly TableRow[]): number {
  const shown = Array.from(body.rows);
  const sameShape = shown.length === rows.length && shown.every((tr, i) => tr.cells.length === rows[i]?.length);
  if (!sameShape) {
    body.replaceChildren(...rows.map((row) => rowElement(body.ownerDocument, row)));
    body.dataset["confirmed"] = "no";
    return 1;
  }
  let mismatches = 0;
  shown.forEach((tr, i) =>
    Array.from(tr.cells).forEach((cell, j) => {
      const text = rows[i]?.[j] ?? "";
      if (!confirmText(cell, text)) mismatches++;
      if (cell.textContent !== text) cell.textContent = text;
    }),
  );
  body.dataset["confirmed"] = mismatches === 0 ? "yes" : "no";
  return mismatches;
}

function rowElement(doc: Document, row: TableRow): HTMLTableRowElement {
  const tr = doc.createElement("tr");
  row.forEach((text, i) => {
    const cell = doc.createElement(i === 0 ? "th" : "td");
    if (i === 0) cell.setAttribute("scope", "row");
    cell.textContent = text;
    tr.append(cell);
  });
  return tr;
}
