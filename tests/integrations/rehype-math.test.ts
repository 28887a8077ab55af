import type { Element, ElementContent, Root } from "hast";
import { toHtml } from "hast-util-to-html";
import katex from "katex";
import { describe, expect, it } from "vitest";
import { rehypeMath } from "../../src/integrations/rehype-math.ts";

const text = (value: string): ElementContent => ({ type: "text", value });
const inline = (tex: string): Element => ({
  type: "element",
  tagName: "code",
  properties: { className: ["language-math", "math-inline"] },
  children: [text(tex)],
});
const display = (tex: string): Element => ({
  type: "element",
  tagName: "pre",
  properties: {},
  children: [{ type: "element", tagName: "code", properties: { className: ["language-math", "math-display"] }, children: [text(tex)] }],
});
const paragraph = (...children: ElementContent[]): Root => ({
  type: "root",
  children: [{ type: "element", tagName: "p", properties: {}, children }],
});
const render = (tree: Root): string => {
  rehypeMath()(tree);
  return toHtml(tree);
};

describe("rehypeMath", () => {
  it("renders with the KaTeX whose stylesheet the site loads, so its class names are the styled ones", () => {
    const html = render(paragraph(text("with "), inline("2^N"), text(" labellings")));
    // katex.min.css styles `.katex-base` (an unbreakable inline block); the older KaTeX inside rehype-katex wrote `.base`.
    expect(html).toContain('class="katex-base"');
    expect(html).not.toMatch(/class="base"/);
    expect(html.replaceAll(' data-pagefind-ignore=""', "")).toContain(katex.renderToString("2^N"));
  });

  it("keeps the TeX source and the visual copy out of the search index, and the MathML in", () => {
    const html = render(paragraph(inline("D")));
    expect(html).toMatch(/<annotation encoding="application\/x-tex" data-pagefind-ignore="">D<\/annotation>/);
    expect(html).toMatch(/<span class="katex-html" aria-hidden="true" data-pagefind-ignore="">/);
    expect(html).toMatch(/<math[^>]*>.*<mi>D<\/mi>/);
    expect(html).not.toMatch(/<math[^>]*data-pagefind-ignore/);
  });

  it("glues touching punctuation to an inline formula, and leaves spaced text alone", () => {
    const tree = paragraph(text("rate of ("), inline("10^{-3}"), text("), this"), text(" and "), inline("x"), text(" y"));
    rehypeMath()(tree);
    const p = tree.children[0] as Element;
    const glued = p.children[1] as Element;
    expect(glued.properties["className"]).toEqual(["mb-math-nowrap"]);
    expect(glued.children[0]).toEqual(text("("));
    expect(glued.children.at(-1)).toEqual(text("),"));
    expect(p.children[0]).toEqual(text("rate of "));
    expect(p.children[2]).toEqual(text(" this"));
    // "x" has a space on both sides: rendered in place, no wrapper.
    expect((p.children[4] as Element).properties["className"]).toEqual(["katex"]);
  });

  it("replaces a display formula's <pre> with KaTeX's display block", () => {
    const tree: Root = { type: "root", children: [display("\\sum_i p_i = 1")] };
    const html = render(tree);
    expect(html.startsWith('<span class="katex-display">')).toBe(true);
    expect(html).not.toContain("<pre");
  });

  it("fails the build on a formula KaTeX cannot parse, naming the file", () => {
    const tree = paragraph(inline("\\frac{1}{"));
    expect(() => rehypeMath()(tree, { path: "content/x.mdx" } as never)).toThrow(/content\/x\.mdx: KaTeX cannot render "\\\\frac\{1\}\{"/);
  });
});
