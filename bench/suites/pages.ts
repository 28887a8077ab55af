/**
 * What each page costs before a reader touches it: the JavaScript, CSS and HTML the browser fetches on load (each body
 * gzip-compressed here with node:zlib, so the figure does not depend on how the preview server compresses), and
 * Lighthouse's four category scores with the performance metrics behind them.
 */
import { gzipSync } from "node:zlib";
import type { Browser } from "@playwright/test";
import { PAGES } from "../../tests/e2e/pages.ts";
import { trackActivity } from "../../tests/e2e/settle.ts";
import {
  BUDGET_CATEGORIES,
  CATEGORIES,
  launchLighthouseBrowser,
  runLighthouse,
  type Category,
  type FailingAudit,
  type LighthouseRun,
} from "../lighthouse.ts";
import type { BuiltSite } from "../site.ts";
import { formatSummary, summarize, type Summary } from "../stats.ts";

const KINDS = ["js", "css", "html", "other"] as const;
type Kind = (typeof KINDS)[number];

export interface ByteCount {
  files: number;
  raw: number;
  gzip: number;
}

type Scores = Partial<Record<Category, Summary>>;

export interface PageResult {
  path: string;
  bytes: Record<Kind, ByteCount>;
  /** Absent for the pages a smoke run skips. */
  lighthouse?: {
    scores: Scores;
    lcpMs?: Summary;
    tbtMs?: Summary;
    cls?: Summary;
    /** Audits that cost points in the first run. */
    failing: FailingAudit[];
  };
}

export interface PagesBench {
  preset: "mobile";
  lighthouseVersion: string;
  userAgent: string;
  categories: Category[];
  rounds: number;
  pages: PageResult[];
}

function kindOf(resourceType: string, url: string): Kind {
  if (resourceType === "script" || /\.m?js(\?|$)/.test(url)) return "js";
  if (resourceType === "stylesheet" || /\.css(\?|$)/.test(url)) return "css";
  if (resourceType === "document") return "html";
  return "other";
}

/** Loads `url` in a fresh context (empty cache, service workers blocked) and sums every response body by kind. */
async function measureBytes(browser: Browser, url: string): Promise<Record<Kind, ByteCount>> {
  const context = await browser.newContext({ serviceWorkers: "block" });
  try {
    const page = await context.newPage();
    const bodies: Promise<{ kind: Kind; raw: number; gzip: number } | undefined>[] = [];
    page.on("response", (res) => {
      if (res.url().startsWith("data:")) return;
      const kind = kindOf(res.request().resourceType(), res.url());
      bodies.push(
        res.body().then(
          (b) => ({ kind, raw: b.length, gzip: gzipSync(b).length }),
          // Redirects and aborted requests have no body to ship.
          () => undefined,
        ),
      );
    });
    const activity = trackActivity(page);
    const response = await page.goto(url);
    if (!response?.ok()) throw new Error(`${url}: HTTP ${response?.status() ?? "no response"}`);
    await activity.settle();
    const totals = Object.fromEntries(KINDS.map((k) => [k, { files: 0, raw: 0, gzip: 0 }])) as Record<Kind, ByteCount>;
    for (const body of await Promise.all(bodies)) {
      if (!body) continue;
      const t = totals[body.kind];
      t.files += 1;
      t.raw += body.raw;
      t.gzip += body.gzip;
    }
    return totals;
  } finally {
    await context.close();
  }
}

/** Runs `fn` over `items` with at most `limit` at a time, keeping the input order in the result. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function summarizeRuns(runs: readonly LighthouseRun[], categories: readonly Category[]): NonNullable<PageResult["lighthouse"]> {
  const metric = (pick: (m: NonNullable<LighthouseRun["metrics"]>) => number): Summary | undefined => {
    const values = runs.flatMap((r) => (r.metrics ? [pick(r.metrics)] : []));
    return values.length > 0 ? summarize(values) : undefined;
  };
  const lcpMs = metric((m) => m.lcpMs);
  const tbtMs = metric((m) => m.tbtMs);
  const cls = metric((m) => m.cls);
  return {
    scores: Object.fromEntries(categories.map((c) => [c, summarize(runs.map((r) => r.scores[c] ?? 0))])),
    ...(lcpMs ? { lcpMs } : {}),
    ...(tbtMs ? { tbtMs } : {}),
    ...(cls ? { cls } : {}),
    failing: runs[0]?.failing ?? [],
  };
}

/**
 * Bytes for every page; Lighthouse for every page over `rounds` rounds (page after page within a round, so machine
 * load drifts over all pages alike). A smoke run measures bytes for all pages but Lighthouse only on the first page
 * and without the performance category, to finish in seconds.
 */
export async function benchPages(site: BuiltSite, options: { smoke: boolean; rounds?: number }): Promise<PagesBench> {
  const rounds = options.smoke ? 1 : (options.rounds ?? 3);
  const categories: Category[] = options.smoke ? [...BUDGET_CATEGORIES] : [...CATEGORIES];
  const lh = await launchLighthouseBrowser();
  try {
    const urlOf = (path: string): string => new URL(path, site.baseUrl).href;
    const bytes = await mapLimited(PAGES, 3, (path) => measureBytes(lh.browser, urlOf(path)));
    const audited = options.smoke ? PAGES.slice(0, 1) : PAGES;
    const runs = new Map<string, LighthouseRun[]>(audited.map((p) => [p, []]));
    let lighthouseVersion = "";
    let userAgent = "";
    for (let round = 0; round < rounds; round++) {
      for (const path of audited) {
        const run = await runLighthouse(lh, urlOf(path), categories);
        runs.get(path)?.push(run);
        lighthouseVersion = run.lighthouseVersion;
        userAgent = run.userAgent;
      }
    }
    const pages = PAGES.map((path, i): PageResult => {
      const r = runs.get(path) ?? [];
      return { path, bytes: bytes[i] as Record<Kind, ByteCount>, ...(r.length > 0 ? { lighthouse: summarizeRuns(r, categories) } : {}) };
    });
    return { preset: "mobile", lighthouseVersion, userAgent, categories, rounds, pages };
  } finally {
    await lh.close();
  }
}

const kb = (n: number): string => (n / 1024).toFixed(1);

export function pagesTable(result: PagesBench): string {
  const lines: string[] = [];
  const scored = result.categories;
  const perf = scored.includes("performance");
  lines.push(
    `## Pages: bytes before interaction and Lighthouse ${result.lighthouseVersion} (${result.preset} preset, ${result.rounds} round${result.rounds === 1 ? "" : "s"})`,
  );
  lines.push("");
  lines.push(
    "kB gzip (raw) of what the browser fetches on load, bodies compressed with node:zlib; scores 0–100" +
      (result.rounds > 1 ? ", median (min–max) over rounds" : "") +
      "; LCP and TBT are Lighthouse's simulated mobile figures.",
  );
  lines.push("");
  const scoreHeads = scored.map((c) =>
    c === "best-practices" ? "best pr." : c === "accessibility" ? "a11y" : c === "performance" ? "perf" : c,
  );
  lines.push(`| page | JS | CSS | HTML | fonts, icons | ${scoreHeads.join(" | ")}${perf ? " | LCP ms | TBT ms | CLS" : ""} |`);
  lines.push(`|---|---:|---:|---:|---:|${scored.map(() => "---:").join("|")}${perf ? "|---:|---:|---:" : ""}|`);
  for (const p of result.pages) {
    const b = p.bytes;
    const cell = (c: ByteCount): string => (c.files === 0 ? "–" : `${kb(c.gzip)} (${kb(c.raw)})`);
    const score = (c: Category): string => {
      const s = p.lighthouse?.scores[c];
      if (!s) return "–";
      return s.min === s.max ? String(s.median) : formatSummary(s);
    };
    const metric = (s: Summary | undefined, digits: number): string => (s ? formatSummary(s, digits) : "–");
    const lh = p.lighthouse;
    lines.push(
      `| ${p.path} | ${cell(b.js)} | ${cell(b.css)} | ${cell(b.html)} | ${cell(b.other)} | ${scored.map(score).join(" | ")}` +
        (perf ? ` | ${metric(lh?.lcpMs, 0)} | ${metric(lh?.tbtMs, 0)} | ${metric(lh?.cls, 3)}` : "") +
        " |",
    );
  }
  const failing = result.pages.flatMap((p) =>
    (p.lighthouse?.failing ?? []).map((f) => `- ${p.path}: ${f.category} · ${f.title} (${f.id})`),
  );
  if (failing.length > 0) lines.push("", "Audits costing points:", "", ...failing);
  return lines.join("\n");
}
