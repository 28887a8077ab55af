import { parseHTML } from "linkedom";
import { vi } from "vitest";

/**
 * A page for the browser-side modules, built on linkedom (the document the build already uses; no second DOM library).
 * linkedom leaves out what a browser has and these modules touch, so this adds exactly that, as a browser does it:
 * focus (a hidden or disabled control refuses it; `document.activeElement` falls back to <body>) and the table
 * collections `tbody.rows` / `tr.cells`. The document is set as the global `document` until `vi.unstubAllGlobals()`.
 */
export function installDom(body: string): Document {
  const window = parseHTML(`<!doctype html><html><body>${body}</body></html>`);
  const document = window.document;
  let focused: HTMLElement | null = null;
  Object.defineProperty(document, "activeElement", {
    configurable: true,
    get: () => (focused !== null && focused.isConnected ? focused : document.body),
  });
  const proto = window.HTMLElement.prototype as HTMLElement & { disabled?: boolean };
  proto.focus = function (this: HTMLElement & { disabled?: boolean }) {
    if (this.hidden || this.disabled === true || this.closest("[hidden]") !== null) return;
    // The focused element is the one focus() was called on.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    focused = this;
  };
  proto.blur = function (this: HTMLElement) {
    if (focused === this) focused = null;
  };
  if (!("rows" in proto)) {
    Object.defineProperty(proto, "rows", {
      configurable: true,
      get(this: HTMLElement) {
        return Array.from(this.children).filter((c) => c.tagName === "TR");
      },
    });
  }
  if (!("cells" in proto)) {
    Object.defineProperty(proto, "cells", {
      configurable: true,
      get(this: HTMLElement) {
        return Array.from(this.children).filter((c) => c.tagName === "TD" || c.tagName === "TH");
      },
    });
  }
  vi.stubGlobal("document", document);
  return document;
}
