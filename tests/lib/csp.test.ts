import { describe, expect, it } from "vitest";
import {
  addSources,
  CSP_DIRECTIVES,
  headersFile,
  headersPatternMatches,
  hoistMetaPolicy,
  inlineScripts,
  mergePolicies,
  parseHeadersFile,
  parsePolicy,
  policyProblems,
  serializePolicy,
} from "../../src/integrations/csp.ts";

const STRICT = `${CSP_DIRECTIVES.join(";")}; script-src 'self' 'wasm-unsafe-eval' 'sha256-AAAA='; style-src 'self' 'unsafe-inline'`;

describe("parsePolicy / serializePolicy", () => {
  it("splits directives, ignores empty parts and keeps the first of a repeated directive", () => {
    const p = parsePolicy("default-src 'self';  IMG-SRC 'self'  data: ;; img-src *; ");
    expect([...p]).toEqual([
      ["default-src", ["'self'"]],
      ["img-src", ["'self'", "data:"]],
    ]);
    expect(serializePolicy(p)).toBe("default-src 'self'; img-src 'self' data:");
  });
});

describe("policyProblems", () => {
  it("accepts the site's policy with script hashes", () => {
    expect(policyProblems(parsePolicy(STRICT))).toEqual([]);
  });

  it.each([
    ["'unsafe-inline'", "script-src allows 'unsafe-inline'"],
    ["'unsafe-eval'", "script-src allows 'unsafe-eval'"],
    ["https://cdn.example.com", "script-src allows https://cdn.example.com"],
    ["data:", "script-src allows data:"],
  ])("rejects %s in script-src", (source, problem) => {
    const p = parsePolicy(STRICT.replace("'wasm-unsafe-eval'", `'wasm-unsafe-eval' ${source}`));
    expect(policyProblems(p)).toContain(problem);
  });

  it("rejects a style hash, which would switch off the inline styles charts need", () => {
    expect(policyProblems(parsePolicy(`${STRICT} 'sha256-S='`))).toEqual([`style-src lists 'sha256-S=', which disables 'unsafe-inline'`]);
    expect(policyProblems(parsePolicy(STRICT.replace(" 'unsafe-inline'", "")))).toEqual(["style-src lacks 'unsafe-inline'"]);
  });

  it("checks script-src-elem and script-src-attr too", () => {
    const p = parsePolicy(`${STRICT}; script-src-attr 'unsafe-inline'`);
    expect(policyProblems(p)).toEqual(["script-src-attr allows 'unsafe-inline'"]);
  });

  it("reports a missing or loosened directive", () => {
    const p = parsePolicy(STRICT.replace("object-src 'none'", "object-src *").replace("base-uri 'self';", ""));
    expect(policyProblems(p)).toEqual(["missing base-uri 'self'", `object-src is "*", want "'none'"`]);
    expect(policyProblems(parsePolicy(STRICT.replace("'wasm-unsafe-eval'", "")))).toEqual(["script-src lacks 'wasm-unsafe-eval'"]);
  });
});

describe("mergePolicies", () => {
  it("unions each directive's sources in first-seen order", () => {
    const a = parsePolicy("default-src 'self'; script-src 'self' 'sha256-A='");
    const b = parsePolicy("script-src 'self' 'sha256-B=' 'sha256-A='; default-src 'self'");
    expect(serializePolicy(mergePolicies([a, b]))).toBe("default-src 'self'; script-src 'self' 'sha256-A=' 'sha256-B='");
    // The inputs are left alone.
    expect(a.get("script-src")).toEqual(["'self'", "'sha256-A='"]);
  });

  it("refuses pages that list different directives, and 'none' next to a source", () => {
    expect(() => mergePolicies([parsePolicy("default-src 'self'"), parsePolicy("default-src 'self'; img-src data:")])).toThrow(/disagree/);
    expect(() => mergePolicies([parsePolicy("object-src 'none'"), parsePolicy("object-src 'self'")])).toThrow(/'none'/);
    expect(() => mergePolicies([])).toThrow();
  });
});

describe("hoistMetaPolicy", () => {
  const meta = `<meta http-equiv="content-security-policy" content="script-src 'self'">`;

  it("moves the tag right after <meta charset> and returns its content", () => {
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"/><script>1</script><link rel="stylesheet" href="a.css">${meta}</head><body></body></html>`;
    const out = hoistMetaPolicy(html);
    expect(out?.policy).toBe("script-src 'self'");
    expect(out?.html).toBe(
      `<!DOCTYPE html><html><head><meta charset="utf-8"/>${meta}<script>1</script><link rel="stylesheet" href="a.css"></head><body></body></html>`,
    );
    expect(out?.html.length).toBe(html.length);
  });

  it("rewrites the content on the way and refuses content that would break the attribute", () => {
    const out = hoistMetaPolicy(`<head><meta charset="utf-8">${meta}</head>`, (p) => `${p} 'sha256-X='`);
    expect(out?.html).toBe(
      `<head><meta charset="utf-8"><meta http-equiv="content-security-policy" content="script-src 'self' 'sha256-X='"></head>`,
    );
    expect(() => hoistMetaPolicy(`<head>${meta}</head>`, () => `script-src "x"`)).toThrow(/attribute/);
  });

  it("falls back to the start of <head>, finds nothing on a page without a policy, and refuses two", () => {
    expect(hoistMetaPolicy(`<head lang="en"><title>x</title>${meta}</head>`)?.html).toBe(`<head lang="en">${meta}<title>x</title></head>`);
    expect(hoistMetaPolicy("<head><title>x</title></head>")).toBeNull();
    expect(() => hoistMetaPolicy(`<head>${meta}${meta}</head>`)).toThrow(/More than one/);
  });
});

describe("inlineScripts / addSources", () => {
  it("returns the text of scripts a browser would run inline, and nothing else", () => {
    const html = [
      "<script>a()</script>",
      '<script type="module">\n b()\n</script>',
      "<SCRIPT TYPE='text/javascript'>c()</SCRIPT >",
      '<script type="module" src="/x.js"></script>',
      '<script data-src="y" aria-hidden="true">d()</script>',
      '<script type="application/json">{"e":1}</script>',
      '<script type="application/ld+json">{}</script>',
      "<script></script>",
    ].join("");
    expect(inlineScripts(html)).toEqual(["a()", "\n b()\n", "c()", "d()", ""]);
  });

  it("adds only missing sources, to a copy", () => {
    const p = parsePolicy("script-src 'self' 'sha256-A='");
    const q = addSources(p, "script-src", ["'sha256-A='", "'sha256-B='"]);
    expect(q.get("script-src")).toEqual(["'self'", "'sha256-A='", "'sha256-B='"]);
    expect(p.get("script-src")).toEqual(["'self'", "'sha256-A='"]);
    expect(addSources(p, "img-src", ["data:"]).get("img-src")).toEqual(["data:"]);
  });
});

describe("_headers", () => {
  it("writes one rule for everything under the base path, which parses back to the same headers", () => {
    const text = headersFile("/mnist-bits", { "Content-Security-Policy": "default-src 'self'", "X-Content-Type-Options": "nosniff" });
    expect(text).toBe("/mnist-bits/*\n  Content-Security-Policy: default-src 'self'\n  X-Content-Type-Options: nosniff\n");
    expect(parseHeadersFile(`# comment\n\n${text}`)).toEqual([
      { pattern: "/mnist-bits/*", headers: { "Content-Security-Policy": "default-src 'self'", "X-Content-Type-Options": "nosniff" } },
    ]);
    expect(() => parseHeadersFile("  X: y\n")).toThrow(/Malformed/);
  });

  it("matches paths the way static hosts do: '*' spans folders, everything else is literal", () => {
    expect(headersPatternMatches("/mnist-bits/*", "/mnist-bits/")).toBe(true);
    expect(headersPatternMatches("/mnist-bits/*", "/mnist-bits/_astro/train.worker-X.js")).toBe(true);
    expect(headersPatternMatches("/mnist-bits/*", "/other/")).toBe(false);
    expect(headersPatternMatches("/a.b/*", "/aXb/c")).toBe(false);
  });
});
