/**
 * Lighthouse against the built site, shared by the page benchmark (bench/suites/pages.ts) and the budget test
 * (tests/e2e/lighthouse.spec.ts) so both score pages the same way: Lighthouse's default mobile preset (simulated slow
 * 4G and a 4× slower CPU, what PageSpeed Insights headlines), in the system Chromium started by Playwright with a
 * DevTools port that Lighthouse connects to.
 */
import { createServer } from "node:net";
import { chromium, type Browser } from "@playwright/test";
import lighthouse, { type Result } from "lighthouse";
import { CHROMIUM_ARGS, findChromium } from "../scripts/chromium.ts";

export const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
export type Category = (typeof CATEGORIES)[number];
/** The categories a budget holds at 100; performance is only tracked. */
export const BUDGET_CATEGORIES: readonly Category[] = ["accessibility", "best-practices", "seo"];

export interface LighthouseBrowser {
  browser: Browser;
  port: number;
  close(): Promise<void>;
}

/** A port nobody listens on right now (the OS picks it; Chromium binds it a moment later). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

export async function launchLighthouseBrowser(): Promise<LighthouseBrowser> {
  const executablePath = findChromium();
  const port = await freePort();
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: [...CHROMIUM_ARGS, `--remote-debugging-port=${port}`],
  });
  return { browser, port, close: () => browser.close() };
}

export interface FailingAudit {
  category: Category;
  id: string;
  title: string;
  score: number;
  /** One line per offending element, URL or message, as far as the audit names them. */
  items: string[];
}

export interface LighthouseRun {
  url: string;
  /** 0–100 per category that was run. */
  scores: Partial<Record<Category, number>>;
  /** From the performance category, when it was run (simulated throttling). */
  metrics?: { fcpMs: number; lcpMs: number; tbtMs: number; cls: number; totalByteWeight: number };
  failing: FailingAudit[];
  lighthouseVersion: string;
  userAgent: string;
}

/**
 * Runs Lighthouse on `url` in a fresh tab of `lh` (it clears the origin's cache and storage first). A run whose trace
 * recording failed (a runtime error such as NO_NAVSTART, which Lighthouse itself says to retry; seen on a loaded
 * 2-core machine) is run again, up to `attempts` times in all, before it is an error.
 */
export async function runLighthouse(
  lh: LighthouseBrowser,
  url: string,
  categories: readonly Category[],
  attempts = 3,
): Promise<LighthouseRun> {
  const result = await lighthouse(url, { port: lh.port, logLevel: "error", output: "json", onlyCategories: [...categories] });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const lhr = result.lhr;
  if (lhr.runtimeError) {
    const why = `${lhr.runtimeError.code} ${lhr.runtimeError.message}`;
    if (attempts > 1) {
      console.warn(`Lighthouse could not audit ${url} (${why}); running it again`);
      return runLighthouse(lh, url, categories, attempts - 1);
    }
    throw new Error(`Lighthouse could not audit ${url}: ${why}`);
  }
  const scores: Partial<Record<Category, number>> = {};
  const failing: FailingAudit[] = [];
  for (const category of categories) {
    const c = lhr.categories[category];
    if (!c) throw new Error(`Lighthouse reported no ${category} category for ${url}`);
    // A null score means an audit errored and the category has no score: never a pass.
    scores[category] = c.score === null ? 0 : Math.round(c.score * 100);
    if (category === "performance") continue;
    for (const ref of c.auditRefs) {
      const audit = lhr.audits[ref.id];
      if (!audit || ref.weight === 0) continue;
      if (audit.scoreDisplayMode === "error" || (audit.score !== null && audit.score < 1)) {
        failing.push({
          category,
          id: audit.id,
          title: audit.title,
          score: audit.score ?? 0,
          items: audit.errorMessage ? [audit.errorMessage] : describeItems(audit.details),
        });
      }
    }
  }
  const numeric = (id: string): number => lhr.audits[id]?.numericValue ?? Number.NaN;
  return {
    url,
    scores,
    ...(categories.includes("performance")
      ? {
          metrics: {
            fcpMs: numeric("first-contentful-paint"),
            lcpMs: numeric("largest-contentful-paint"),
            tbtMs: numeric("total-blocking-time"),
            cls: numeric("cumulative-layout-shift"),
            totalByteWeight: numeric("total-byte-weight"),
          },
        }
      : {}),
    failing,
    lighthouseVersion: lhr.lighthouseVersion,
    userAgent: lhr.environment.hostUserAgent,
  };
}

/** The audit's table rows as text: what an engineer needs to find the element or request at fault. */
function describeItems(details: Result["audits"][string]["details"]): string[] {
  if (!details || !("items" in details) || !Array.isArray(details.items)) return [];
  const lines = (details.items as unknown[]).map((item) => {
    if (typeof item !== "object" || item === null) return String(item);
    const parts: string[] = [];
    const record = item as Record<string, unknown>;
    for (const value of Object.values(record)) {
      if (typeof value !== "object" || value === null) continue;
      const v = value as Record<string, unknown>;
      const text = (key: string): string => (typeof v[key] === "string" || typeof v[key] === "number" ? String(v[key]) : "");
      // Accessibility audits put axe's "fix any of the following" summary in the node's explanation.
      if (v["type"] === "node") parts.push([text("selector"), text("snippet"), text("explanation")].filter(Boolean).join(" "));
      if (v["type"] === "source-location") parts.push(`${text("url")}:${text("line")}`);
    }
    for (const key of ["url", "description", "source", "explanation"] as const) {
      const value = record[key];
      if (typeof value === "string" && value) parts.push(value);
    }
    return parts.length > 0 ? parts.join(" — ") : JSON.stringify(item).slice(0, 300);
  });
  return [...new Set(lines)];
}

export function formatFailing(failing: readonly FailingAudit[]): string {
  return failing
    .map((f) => `${f.category} · ${f.title} (${f.id}, score ${f.score})${f.items.map((i) => `\n    ${i}`).join("")}`)
    .join("\n");
}
