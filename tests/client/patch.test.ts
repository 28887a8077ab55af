import { afterEach, describe, expect, it, vi } from "vitest";
import { patch } from "../../src/client/patch.ts";
import type { View } from "../../src/client/view.ts";
import { installDom } from "./dom.ts";

// Markup as Value.astro and Rows.astro render it at build time.
const ISLAND = `
<section id="island">
  <p>Mean: <span class="mb-value" data-value="mean-on">12.5</span> pixels on,
     again <span class="mb-value" data-value="mean-on">12.5</span>; share <span class="mb-value" data-value="share">16%</span></p>
  <table><tbody data-rows="classes">
    <tr><th scope="row">0</th><td>5,923</td></tr>
    <tr><th scope="row">1</th><td>6,742</td></tr>
  </tbody></table>
</section>
<p>Outside: <span data-value="mean-on">keep</span></p>`;

type Key = "mean-on" | "share";

function island(): HTMLElement {
  return installDom(ISLAND).querySelector<HTMLElement>("#island")!;
}

const texts = (host: ParentNode, selector: string) => Array.from(host.querySelectorAll(selector), (el) => el.textContent);

function rows(host: ParentNode): string[][] {
  return Array.from(host.querySelectorAll("tbody tr"), (tr) =>
    Array.from(
      tr.children,
      (c) => `${c.tagName.toLowerCase()}${c.getAttribute("scope") === null ? "" : `[${c.getAttribute("scope")}]`}:${c.textContent}`,
    ),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("patch", () => {
  it("writes every value, each copy of a repeated key, only inside the host", () => {
    const host = island();
    const view: View<Key> = { values: { "mean-on": "13.1", share: "17%" } };
    expect(patch(host, view)).toEqual({ mismatches: 0 });
    expect(texts(host, '[data-value="mean-on"]')).toEqual(["13.1", "13.1"]);
    expect(texts(host, '[data-value="share"]')).toEqual(["17%"]);
    expect(host.ownerDocument.body.lastElementChild?.textContent).toBe("Outside: keep");
    // Without confirm nothing is marked.
    expect(host.querySelectorAll("[data-confirmed]")).toHaveLength(0);
  });

  it("rebuilds a table body: a header cell with scope=row first, data cells after", () => {
    const host = island();
    const view: View<Key, "classes"> = {
      values: { "mean-on": "12.5", share: "16%" },
      tables: {
        classes: [
          ["0", "5,923"],
          ["1", "6,742"],
          ["2", "5,958"],
        ],
      },
    };
    patch(host, view);
    expect(rows(host)).toEqual([
      ["th[row]:0", "td:5,923"],
      ["th[row]:1", "td:6,742"],
      ["th[row]:2", "td:5,958"],
    ]);
  });

  it("confirm: marks each value yes or no against the built text (whitespace aside) and counts the mismatches", () => {
    const host = island();
    const values = host.querySelectorAll<HTMLElement>('[data-value="mean-on"]');
    values[0]!.textContent = "  12.5\n";
    const { mismatches } = patch(host, { values: { "mean-on": "12.5", share: "15%" } } satisfies View<Key>, { confirm: true });
    expect(mismatches).toBe(1);
    expect(
      Array.from(host.querySelectorAll<HTMLElement>("[data-value]"), (el) => [
        el.dataset["value"],
        el.dataset["confirmed"],
        el.textContent,
      ]),
    ).toEqual([
      ["mean-on", "yes", "12.5"],
      ["mean-on", "yes", "12.5"],
      ["share", "no", "15%"],
    ]);
  });

  it("confirm: compares a table cell by cell and marks the body", () => {
    const host = island();
    // The built values, with the two counts of the classes table given.
    const withCounts = (zero: string, one: string): View<Key, "classes"> => ({
      values: { "mean-on": "12.5", share: "16%" },
      tables: {
        classes: [
          ["0", zero],
          ["1", one],
        ],
      },
    });
    expect(patch(host, withCounts("5,923", "6,742"), { confirm: true })).toEqual({ mismatches: 0 });
    const body = host.querySelector<HTMLElement>('tbody[data-rows="classes"]')!;
    expect(body.dataset["confirmed"]).toBe("yes");
    expect(patch(host, withCounts("5,924", "6,743"), { confirm: true })).toEqual({ mismatches: 2 });
    expect(body.dataset["confirmed"]).toBe("no");
    expect(Array.from(body.querySelectorAll<HTMLElement>("td"), (td) => [td.textContent, td.dataset["confirmed"]])).toEqual([
      ["5,924", "no"],
      ["6,743", "no"],
    ]);
    expect(Array.from(body.querySelectorAll<HTMLElement>("th"), (th) => th.dataset["confirmed"])).toEqual(["yes", "yes"]);
  });

  it("confirm: a table of another shape is replaced and counts as one mismatch", () => {
    const host = island();
    const { mismatches } = patch(
      host,
      { values: { "mean-on": "12.5", share: "16%" }, tables: { classes: [["0", "5,923", "9.9%"]] } } satisfies View<Key, "classes">,
      { confirm: true },
    );
    expect(mismatches).toBe(1);
    const body = host.querySelector<HTMLElement>('tbody[data-rows="classes"]')!;
    expect(body.dataset["confirmed"]).toBe("no");
    expect(rows(host)).toEqual([["th[row]:0", "td:5,923", "td:9.9%"]]);
  });

  it("a key or a table the markup lacks is a bug and throws", () => {
    const host = island();
    expect(() => patch(host, { values: { "mean-off": "1" } })).toThrow('missing [data-value="mean-off"]');
    expect(() => patch(host, { values: {}, tables: { digits: [] } })).toThrow('missing tbody[data-rows="digits"]');
  });
});
