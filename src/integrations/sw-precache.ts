/**
 * Which built files the service worker precaches: what reading needs, found by following the built pages' references
 * the way a browser would, so a new chunk cannot fall out of a hand-written list. From each page: its scripts,
 * stylesheets, module preloads, icons and images; from a stylesheet, the files its url()s name, except the woff/ttf
 * copies of fonts (every browser that runs a service worker takes the woff2); from a script, every module it imports,
 * statically or by dynamic import(), since islands load their code on the reader's first action and a chapter never
 * opened must still work offline. Workers and WebAssembly are named by `new URL(…, import.meta.url)`, which the walk
 * does not follow: they and everything only they import are the engines, cached when a demo first uses them.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { initSync, parse } from "es-module-lexer";
import { routePatterns, withSlash } from "../sw/routes.ts";

/** Files every page may fetch that no reference names in a form the walk reads (model files are named in JSON). */
const PAGE_DATA = /^models\/[^/]+\.bin$/;
/** Where the runtime routes take over: data on demand, the search index once searched. */
const NOT_PRECACHED = /^(?:data|pagefind)\//;
const FONT_FALLBACK = /\.(?:woff|ttf)$/;

export interface PrecachePlan {
  /** Paths relative to the output folder, sorted. */
  precache: string[];
  /** The engines: what the engine route caches on first use (the scripts and wasm the precache leaves out). */
  engines: string[];
}

function builtFiles(outDir: string): string[] {
  return readdirSync(outDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(outDir, join(e.parentPath, e.name)).split(sep).join("/"));
}

function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

function pageRefs(html: string): string[] {
  const refs: string[] = [];
  for (const [tag] of html.matchAll(/<(?:script|link|img)\b[^>]*>/gi)) {
    const attr = (name: string): string | undefined => attribute(tag, name);
    if (/^<link/i.test(tag)) {
      const rel = (attr("rel") ?? "").toLowerCase().split(/\s+/);
      if (rel.some((r) => ["stylesheet", "modulepreload", "preload", "icon"].includes(r))) refs.push(attr("href") ?? "");
    } else refs.push(attr("src") ?? "");
  }
  return refs.filter((r) => r !== "" && !r.startsWith("data:"));
}

function cssRefs(css: string): string[] {
  const refs = [...css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/gi)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
  for (const m of css.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/gi)) refs.push(m[1] ?? m[2] ?? "");
  return refs.filter((r) => r !== "" && !r.startsWith("data:") && !FONT_FALLBACK.test(r.split(/[?#]/)[0] ?? ""));
}

/** Imported modules (static and dynamic with a literal specifier), plus the stylesheets Vite's preload helper loads for a lazy chunk. */
function scriptRefs(js: string): { relative: string[]; fromBase: string[] } {
  const [imports] = parse(js);
  const relativeRefs = imports.filter((i) => i.d !== -2 && i.n !== undefined).map((i) => i.n ?? "");
  // The helper names them relative to the base path, in the list it keeps beside each import().
  const fromBase = [...js.matchAll(/["'`]([\w./-]+\.css)["'`]/g)].map((m) => m[1] ?? "");
  return { relative: relativeRefs, fromBase };
}

/** The precache and engine lists for a built site served from `base`. Reads the folder; changes nothing. */
export function precachePlan(outDir: string, base: string): PrecachePlan {
  initSync();
  const files = builtFiles(outDir);
  const exists = new Set(files);
  // Any origin does: only paths matter, and a reference to another origin falls outside it.
  const origin = "https://site.invalid";
  const prefix = withSlash(base);
  const root = `${origin}${prefix}`;
  const precache = new Set<string>();
  const queue: string[] = [];
  const add = (ref: string, from: string): void => {
    const url = URL.parse(ref, from);
    if (url?.origin !== origin || !url.pathname.startsWith(prefix)) return;
    const path = decodeURIComponent(url.pathname.slice(prefix.length));
    if (!exists.has(path) || NOT_PRECACHED.test(path) || precache.has(path)) return;
    precache.add(path);
    queue.push(path);
  };
  for (const path of files) if (path.endsWith(".html") && !NOT_PRECACHED.test(path)) add(path, root);
  for (const path of files) if (PAGE_DATA.test(path)) add(path, root);
  for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
    const at = new URL(path, root).href;
    const text = (): string => readFileSync(join(outDir, path), "utf8");
    if (path.endsWith(".html")) for (const ref of pageRefs(text())) add(ref, at);
    else if (path.endsWith(".css")) for (const ref of cssRefs(text())) add(ref, at);
    else if (path.endsWith(".js")) {
      const refs = scriptRefs(text());
      for (const ref of refs.relative) add(ref, at);
      for (const ref of refs.fromBase) add(ref, root);
    }
  }
  const engine = routePatterns(base).engine;
  const engines = files.filter((f) => !precache.has(f) && engine.test(new URL(f, root).href));
  return { precache: [...precache].sort(), engines: engines.sort() };
}

export interface FirstVisitBytes {
  precache: { files: number; bytes: number };
  engines: { files: number; bytes: number };
}

/** What a first visit downloads into the precache, and what the demos' engines add once all are used. */
export function firstVisitBytes(outDir: string, base: string): FirstVisitBytes {
  const plan = precachePlan(outDir, base);
  const size = (paths: string[]): { files: number; bytes: number } => ({
    files: paths.length,
    bytes: paths.reduce((sum, p) => sum + statSync(join(outDir, p)).size, 0),
  });
  return { precache: size(plan.precache), engines: size(plan.engines) };
}
