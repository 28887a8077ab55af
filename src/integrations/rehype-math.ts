/**
 * The chapters' `$…$` and `$$…$$` (remark-math), rendered to HTML with KaTeX at build time, in place of rehype-katex.
 *
 * - The same KaTeX as the stylesheet the site loads (`katex/dist/katex.min.css`, the project's own `katex`).
 *   rehype-katex brings an older KaTeX of its own whose class names that stylesheet no longer styles (`.base` became
 *   `.katex-base` in 0.19), so nothing kept a superscript or subscript on its base's line: "2^N" could wrap as "2" at
 *   the end of a line and "N" at the start of the next. With matching names each base is an unbreakable inline block,
 *   and a long inline formula still wraps between bases, after its relations and operators.
 * - The search index gets each formula once, as the MathML's text: the TeX source (the MathML `<annotation>`) and the
 *   visual HTML copy (`.katex-html`, hidden from screen readers already) carry `data-pagefind-ignore`, so excerpts
 *   read "D independent coin flips", not "DDD independent coin flips" or raw LaTeX.
 * - Punctuation written right after an inline formula (or an opening bracket right before it) stays on its line: the
 *   two are wrapped in a `.mb-math-nowrap` span (site.css), so a line never starts with the comma after "10^{-3}".
 * - A display formula is a `.katex-display` block that scrolls sideways on its own when it is wider than the column
 *   (site.css); src/integrations/scroll-focus.ts makes the ones that scroll keyboard-focusable and names them.
 *
 * A formula KaTeX cannot parse fails the build with its file and line, instead of shipping red error text.
 */
import type { Element, ElementContent, Root, RootContent, Text } from "hast";
import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";
import katex from "katex";
import type { VFile } from "vfile";

/** Characters that belong to the formula's line when they touch it: closing punctuation after, opening before. */
const CLOSING = /^[.,;:!?)\]}’”%]+/u;
const OPENING = /[([{‘“]+$/u;

export interface MathOptions {
  /** TeX macros shared by every formula (KaTeX's `macros`). */
  macros?: Record<string, string>;
}

function classes(node: Element): string[] {
  const c = node.properties["className"];
  return Array.isArray(c) ? c.map(String) : [];
}

function textOf(node: Element): string {
  return node.children.map((c) => (c.type === "text" ? c.value : c.type === "element" ? textOf(c) : "")).join("");
}

/** KaTeX's HTML for one formula, as hast, with the search index kept off its duplicates. */
export function renderMath(tex: string, displayMode: boolean, options: MathOptions = {}): ElementContent[] {
  const html = katex.renderToString(tex, { displayMode, throwOnError: true, ...options });
  const nodes = fromHtml(html, { fragment: true }).children as ElementContent[];
  for (const node of nodes) if (node.type === "element") ignoreDuplicates(node);
  return nodes;
}

/**
 * The same as an HTML string, for a component that renders a formula itself (`set:html`): the search index sees it
 * once, like the chapters' formulas.
 */
export function mathHtml(tex: string, displayMode = false, options: MathOptions = {}): string {
  return toHtml(renderMath(tex, displayMode, options));
}

function ignoreDuplicates(node: Element): void {
  if (node.tagName === "annotation" || classes(node).includes("katex-html")) {
    node.properties["dataPagefindIgnore"] = "";
    return;
  }
  for (const child of node.children) if (child.type === "element") ignoreDuplicates(child);
}

/** Which math element this is: inline `code.math-inline`, display `pre > code.math-display` or ```` ```math ````. */
function mathKind(node: Element, parent: Root | Element): "inline" | "display" | undefined {
  if (node.tagName !== "code") return undefined;
  const c = classes(node);
  if (c.includes("math-inline")) return "inline";
  if (c.includes("math-display") || (c.includes("language-math") && parent.type === "element" && parent.tagName === "pre"))
    return "display";
  return undefined;
}

function where(file: VFile | undefined, node: Element): string {
  const line = node.position?.start.line;
  return `${file?.path ?? "a chapter"}${line === undefined ? "" : `:${line}`}`;
}

export function rehypeMath(options: MathOptions = {}) {
  return (tree: Root, file?: VFile): void => {
    const walk = (parent: Root | Element): void => {
      const children = parent.children as RootContent[];
      for (let i = 0; i < children.length; i++) {
        const node = children[i];
        if (node?.type !== "element") continue;
        // A display formula is `pre > code`: the `pre` is what gets replaced.
        const inner = node.tagName === "pre" && node.children.length === 1 ? node.children[0] : undefined;
        const displayCode = inner?.type === "element" && mathKind(inner, node) === "display" ? inner : undefined;
        const kind = displayCode ? "display" : mathKind(node, parent);
        if (kind === undefined) {
          walk(node);
          continue;
        }
        const code = displayCode ?? node;
        const tex = textOf(code);
        let rendered: ElementContent[];
        try {
          rendered = renderMath(tex, kind === "display", options);
        } catch (e) {
          throw new Error(
            `${where(file, code)}: KaTeX cannot render ${JSON.stringify(tex)}: ${e instanceof Error ? e.message : String(e)}`,
            {
              cause: e,
            },
          );
        }
        if (kind === "inline") i = glueInline(children, i, rendered);
        else {
          children.splice(i, 1, ...(rendered as RootContent[]));
          i += rendered.length - 1;
        }
      }
    };
    walk(tree);
  };
}

/**
 * Replaces the inline formula at `children[i]` by `rendered`, taking the punctuation that touches it into one
 * `.mb-math-nowrap` span. Returns the index of the last node it placed.
 */
function glueInline(children: RootContent[], i: number, rendered: ElementContent[]): number {
  const before = children[i - 1];
  const after = children[i + 1];
  const open = before?.type === "text" ? OPENING.exec(before.value)?.[0] : undefined;
  const close = after?.type === "text" ? CLOSING.exec(after.value)?.[0] : undefined;
  if (open === undefined && close === undefined) {
    children.splice(i, 1, ...(rendered as RootContent[]));
    return i + rendered.length - 1;
  }
  const glued: ElementContent[] = [];
  if (open !== undefined && before?.type === "text") {
    before.value = before.value.slice(0, -open.length);
    glued.push({ type: "text", value: open } satisfies Text);
  }
  glued.push(...rendered);
  if (close !== undefined && after?.type === "text") {
    after.value = after.value.slice(close.length);
    glued.push({ type: "text", value: close } satisfies Text);
  }
  const span: Element = { type: "element", tagName: "span", properties: { className: ["mb-math-nowrap"] }, children: glued };
  children.splice(i, 1, span);
  return i;
}
