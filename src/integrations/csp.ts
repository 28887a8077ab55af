/**
 * The site's Content Security Policy, in one place: astro.config.mjs hands it to Astro (which adds the hashes of the
 * scripts it renders and emits a <meta> tag per page), and the csp-headers integration turns the built pages' policies
 * into a `_headers` file, because a meta tag reaches neither Web Workers nor `frame-ancestors`.
 */

/** Every directive except script-src and style-src, which Astro owns so that it can add its hashes. */
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "base-uri 'self'",
  "object-src 'none'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "form-action 'self'",
] as const;

/** Compiling WebAssembly (TensorFlow.js's wasm backend, the HiGHS solver) is the only code generation the site needs. */
export const SCRIPT_SOURCES = ["'self'", "'wasm-unsafe-eval'"] as const;

/**
 * Observable Plot writes <style> elements and style attributes at run time, so inline styles must be allowed. A hash
 * in the same directive would make browsers ignore 'unsafe-inline'; Astro emits none for a directive carrying it.
 */
export const STYLE_SOURCES = ["'self'", "'unsafe-inline'"] as const;

/** Directives that browsers ignore (with a console warning) in a <meta> policy; only a response header carries them. */
export const HEADER_ONLY_DIRECTIVES = ["frame-ancestors 'none'"] as const;

/** Sources no directive that governs scripts may list. */
export const FORBIDDEN_SCRIPT_SOURCES = ["'unsafe-inline'", "'unsafe-eval'", "*", "data:", "blob:", "http:", "https:"];

/** Other response headers sent with every file; harmless for the site, and they close a few more doors. */
export const EXTRA_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
};

/**
 * Cross-origin isolation (self.crossOriginIsolated), which TensorFlow.js's multithreaded wasm needs for its
 * SharedArrayBuffer. COEP must reach every document and worker script, and under it every subresource must opt in;
 * all of the site's files are same-origin, so CORP same-origin does that without letting other sites embed them.
 * Hosts that read `_headers` send these; elsewhere the service worker adds them (src/sw/isolation.ts).
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
};

/** Directive name → its sources, in the order they appeared. */
export type Policy = Map<string, string[]>;

const META_POLICY = /<meta\s+http-equiv=["']?content-security-policy["']?\s+content="([^"]*)"\s*\/?>/gi;

/**
 * Finds a built page's meta policy, lets `rewrite` change its content, and moves it to the top of <head>: a meta policy
 * governs only what the parser meets after it, and Starlight renders an inline script and stylesheets before the spot
 * where Astro puts the tag. Returns null when the page has no meta policy; throws when it has several.
 */
export function hoistMetaPolicy(html: string, rewrite: (policy: string) => string = (p) => p): { html: string; policy: string } | null {
  const matches = [...html.matchAll(META_POLICY)];
  if (matches.length > 1) throw new Error("More than one meta CSP on a page");
  const [match] = matches;
  if (!match) return null;
  const policy = rewrite(match[1] ?? "");
  if (/["&<>]/.test(policy)) throw new Error(`Policy cannot go into an attribute as is: ${policy}`);
  const tag = `<meta http-equiv="content-security-policy" content="${policy}">`;
  const without = html.slice(0, match.index) + html.slice(match.index + match[0].length);
  // Right after <meta charset>, which must stay within the first 1024 bytes, or else right after <head>.
  const anchor = /<meta\s+charset=[^>]*>/i.exec(without) ?? /<head[^>]*>/i.exec(without);
  if (!anchor) throw new Error("Page has no <head>");
  const at = anchor.index + anchor[0].length;
  return { html: without.slice(0, at) + tag + without.slice(at), policy };
}

const EXECUTABLE_TYPES = ["", "module", "text/javascript", "application/javascript", "text/ecmascript"];

/**
 * The text of every inline script a browser would run (no src, a JavaScript or module type), as the browser hashes
 * it. Astro hashes only the scripts it bundles; Starlight's `is:inline` scripts (theme, sidebar state) need these.
 */
export function inlineScripts(html: string): string[] {
  const bodies: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attrs = m[1] ?? "";
    if (/(?:^|\s)src\s*=/i.test(attrs)) continue;
    const type = /(?:^|\s)type\s*=\s*["']?([^"'\s>]*)/i.exec(attrs)?.[1] ?? "";
    if (EXECUTABLE_TYPES.includes(type.trim().toLowerCase())) bodies.push(m[2] ?? "");
  }
  return bodies;
}

/** Adds sources to a directive (created empty if absent), skipping those already listed. */
export function addSources(policy: Policy, directive: string, sources: readonly string[]): Policy {
  const list = [...(policy.get(directive) ?? [])];
  for (const s of sources) if (!list.includes(s)) list.push(s);
  return new Map(policy).set(directive, list);
}

/** Parses a serialized policy; directive names are case-insensitive, repeated directives keep the first (as browsers do). */
export function parsePolicy(text: string): Policy {
  const policy: Policy = new Map();
  for (const part of text.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    const key = name.toLowerCase();
    if (!policy.has(key)) policy.set(key, sources);
  }
  return policy;
}

export function serializePolicy(policy: Policy): string {
  return [...policy].map(([name, sources]) => [name, ...sources].join(" ")).join("; ");
}

/**
 * One policy that allows everything each of the given page policies allows, and nothing more where they agree: the
 * union of each directive's sources. A response header and a page's own meta tag are both enforced, so the header
 * must not be stricter than any page. Throws when the pages do not list the same directives (a directive missing on
 * one page falls back to default-src there, which a union cannot express) or when 'none' would be merged with sources.
 */
export function mergePolicies(policies: readonly Policy[]): Policy {
  const [first] = policies;
  if (!first) throw new Error("No policy to merge");
  const names = [...first.keys()].sort().join(",");
  const merged: Policy = new Map();
  for (const policy of policies) {
    const these = [...policy.keys()].sort().join(",");
    if (these !== names) throw new Error(`Pages disagree on CSP directives: [${names}] vs [${these}]`);
    for (const [name, sources] of policy) {
      const union = merged.get(name) ?? [];
      for (const s of sources) if (!union.includes(s)) union.push(s);
      merged.set(name, union);
    }
  }
  for (const [name, sources] of merged) {
    if (sources.includes("'none'") && sources.length > 1) throw new Error(`Cannot merge 'none' with sources in ${name}`);
  }
  return merged;
}

/** Problems with a policy against the site's rules; an empty list means it is as strict as required. */
export function policyProblems(policy: Policy): string[] {
  const problems: string[] = [];
  for (const directive of CSP_DIRECTIVES) {
    const [name, ...sources] = directive.split(" ");
    const actual = policy.get(name ?? "");
    if (!actual) problems.push(`missing ${directive}`);
    else if (actual.join(" ") !== sources.join(" ")) problems.push(`${name} is "${actual.join(" ")}", want "${sources.join(" ")}"`);
  }
  // Browsers fall back from script-src-elem/-attr to script-src and from there to default-src; check every one present.
  const scriptDirectives = ["script-src", "script-src-elem", "script-src-attr"].filter((d) => policy.has(d));
  if (!policy.has("script-src")) problems.push("missing script-src");
  for (const d of scriptDirectives) {
    const sources = policy.get(d) ?? [];
    for (const s of sources) if (FORBIDDEN_SCRIPT_SOURCES.includes(s.toLowerCase())) problems.push(`${d} allows ${s}`);
  }
  const script = policy.get("script-src") ?? [];
  for (const s of SCRIPT_SOURCES) if (!script.includes(s)) problems.push(`script-src lacks ${s}`);
  for (const s of script) {
    if (!(SCRIPT_SOURCES as readonly string[]).includes(s) && !/^'sha(256|384|512)-[A-Za-z0-9+/]+=*'$/.test(s)) {
      problems.push(`script-src allows ${s}`);
    }
  }
  // A hash or nonce next to 'unsafe-inline' makes browsers drop 'unsafe-inline', and the charts' styles with it.
  const style = policy.get("style-src") ?? [];
  for (const s of STYLE_SOURCES) if (!style.includes(s)) problems.push(`style-src lacks ${s}`);
  for (const s of style) if (/^'(sha\d+|nonce)-/.test(s)) problems.push(`style-src lists ${s}, which disables 'unsafe-inline'`);
  return problems;
}

/**
 * A `_headers` file (the format Netlify and Cloudflare Pages read) giving every file under the base path the policy
 * and the extra headers. Hosts match the request path, so the rule carries the base path the site was built for.
 */
export function headersFile(base: string, headers: Readonly<Record<string, string>>): string {
  const prefix = base.endsWith("/") ? base : `${base}/`;
  const lines = [`${prefix}*`, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)];
  return `${lines.join("\n")}\n`;
}

/** The rules of a `_headers` file: path patterns ('*' matches anything) with their headers, in file order. */
export function parseHeadersFile(text: string): { pattern: string; headers: Record<string, string> }[] {
  const rules: { pattern: string; headers: Record<string, string> }[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: {} });
      continue;
    }
    const rule = rules.at(-1);
    const colon = line.indexOf(":");
    if (!rule || colon < 0) throw new Error(`Malformed _headers line: ${line}`);
    rule.headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return rules;
}

/** Whether a `_headers` path pattern matches a request path ('*' stands for any run of characters, '/' included). */
export function headersPatternMatches(pattern: string, path: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split("*")
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return re.test(path);
}
