import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import { headersPatternMatches, parseHeadersFile } from "../../src/integrations/csp.ts";
import { DEMOS } from "./demos.ts";
import { expect, test } from "./fixtures.ts";
import { fulfillWithHeaders } from "./csp-watch.ts";
import { PAGES } from "./pages.ts";
import { serveSite } from "./static-server.ts";

/**
 * The site's Content Security Policy, checked three ways: every built page carries the meta policy and the build ships
 * a `_headers` file with it; the browser reports no violation while every page loads and every demo runs, with the
 * header policy served as a static host would (which is what reaches the Web Workers); and no request leaves the origin.
 */

const OUT_DIR = process.env["ASTRO_OUT_DIR"] ?? "dist";
const HEADER_RULES = parseHeadersFile(readFileSync(join(OUT_DIR, "_headers"), "utf8"));
const MARK = "[csp-violation]";
// Prepended to every worker script: a violation inside a worker is not reported to the page.
const WORKER_PREAMBLE =
  `self.addEventListener("securitypolicyviolation", (e) => console.error(` +
  `"${MARK} worker " + e.effectiveDirective + " blocked " + e.blockedURI + " at " + e.sourceFile + ":" + e.lineNumber));\n`;
const isWorkerScript = (url: URL): boolean => /(\.worker-[\w-]+|\/sw|__csp-probe)\.js$/.test(url.pathname);

const REQUIRED = [
  "default-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "form-action 'self'",
];

/** Directive → sources; written here afresh rather than borrowed from src/integrations/csp.ts, so a bug there cannot hide. */
function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(";").map((p) => p.trim().split(/\s+/))) {
    const [name, ...sources] = part;
    if (name && !map.has(name.toLowerCase())) map.set(name.toLowerCase(), sources);
  }
  return map;
}

function expectStrict(policy: string, where: string): Map<string, string[]> {
  const d = directives(policy);
  for (const req of REQUIRED) {
    const [name, ...sources] = req.split(" ");
    expect(d.get(name!), `${where}: ${name}`).toEqual(sources);
  }
  for (const name of ["script-src", "script-src-elem", "script-src-attr", "default-src"]) {
    for (const source of d.get(name) ?? []) {
      expect(source, `${where}: ${name}`).toMatch(/^('self'|'wasm-unsafe-eval'|'sha(256|384|512)-[A-Za-z0-9+/]+=*')$/);
    }
  }
  expect(d.get("script-src"), `${where}: script-src`).toEqual(expect.arrayContaining(["'self'", "'wasm-unsafe-eval'"]));
  // 'unsafe-inline' styles are ignored by browsers when a hash sits beside them; charts need inline styles.
  const style = d.get("style-src") ?? [];
  expect(style, `${where}: style-src`).toEqual(expect.arrayContaining(["'self'", "'unsafe-inline'"]));
  expect(
    style.filter((s) => /^'(sha|nonce)/.test(s)),
    `${where}: style hashes`,
  ).toEqual([]);
  return d;
}

interface Watch {
  violations: string[];
  requests: string[];
  /** Worker scripts served with the header policy and the violation listener. */
  workers: string[];
}

/**
 * Serves every response with the `_headers` rules that match it, as Netlify or Cloudflare Pages would, and records
 * every request and every CSP violation (page and workers) for the test.
 */
async function watch(page: Page, context: BrowserContext, baseURL: string, probe?: string): Promise<Watch> {
  const w: Watch = { violations: [], requests: [], workers: [] };
  const origin = new URL(baseURL).origin;
  context.on("request", (r) => w.requests.push(r.url()));
  page.on("request", (r) => w.requests.push(r.url()));
  const onConsole = (text: string): void => {
    if (text.includes(MARK) || /Content Security Policy/i.test(text)) w.violations.push(text);
  };
  page.on("console", (m) => onConsole(m.text()));
  page.on("worker", (worker) => worker.on("console", (m) => onConsole(m.text())));
  context.on("serviceworker", (worker) => worker.on("console", (m) => onConsole(m.text())));
  await page.addInitScript((mark) => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`${mark} page ${e.effectiveDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
    });
  }, MARK);
  await context.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== origin) return route.abort("blockedbyclient");
    const headers: Record<string, string> = {};
    for (const rule of HEADER_RULES) if (headersPatternMatches(rule.pattern, url.pathname)) Object.assign(headers, rule.headers);
    if (probe !== undefined && url.pathname.endsWith("__csp-probe.js")) {
      w.workers.push(url.pathname);
      return route.fulfill({ status: 200, contentType: "text/javascript", headers, body: WORKER_PREAMBLE + probe });
    }
    if (isWorkerScript(url)) w.workers.push(url.pathname);
    return fulfillWithHeaders(route, headers, isWorkerScript(url) ? WORKER_PREAMBLE : undefined);
  });
  return w;
}

function expectClean(w: Watch, baseURL: string): void {
  const origin = new URL(baseURL).origin;
  expect(w.violations).toEqual([]);
  expect(w.requests.length).toBeGreaterThan(0);
  expect(w.requests.filter((u) => !u.startsWith("data:") && new URL(u).origin !== origin)).toEqual([]);
}

test.describe("Content Security Policy", () => {
  test("every built page carries the strict meta policy first in <head>, and _headers ships it", async ({ request, baseURL }) => {
    const basePath = new URL(baseURL!).pathname;
    const rule = HEADER_RULES.find((r) => r.pattern === `${basePath}*`);
    expect(rule, `_headers has a rule for ${basePath}*`).toBeDefined();
    const header = rule!.headers["Content-Security-Policy"] ?? "";
    const headerDirectives = expectStrict(header, "_headers");
    expect(headerDirectives.get("frame-ancestors")).toEqual(["'none'"]);
    for (const path of [...PAGES, "404.html"]) {
      const html = await (await request.get(path)).text();
      const metas = [...html.matchAll(/<meta http-equiv="content-security-policy" content="([^"]*)"/gi)];
      expect(metas, path).toHaveLength(1);
      const meta = metas[0]!;
      const d = expectStrict(meta[1]!, path);
      // frame-ancestors is ignored (with a console warning) in a meta policy.
      expect(d.has("frame-ancestors"), path).toBe(false);
      // A meta policy only governs what follows it.
      const firstResource = html.search(/<(script|link|style)\b/i);
      expect(meta.index, path).toBeLessThan(firstResource);
      // No inline event handler attributes: no policy here allows them (script-src-attr falls back to script-src).
      const markup = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, "");
      expect(markup.match(/<[a-z][^>]*\son[a-z]+\s*=[^>]*>/gi) ?? [], path).toEqual([]);
      // Every inline script is allowed by its hash, on the page and in the header (a header is enforced alongside).
      for (const [, body] of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
        const hash = `'sha256-${createHash("sha256")
          .update(body ?? "")
          .digest("base64")}'`;
        expect(d.get("script-src"), `${path}: inline script ${body?.slice(0, 40)}`).toContain(hash);
        expect(headerDirectives.get("script-src"), `_headers: inline script of ${path}`).toContain(hash);
      }
      for (const [name, sources] of d) {
        if (name === "script-src" || name === "style-src") {
          expect(headerDirectives.get(name), `_headers ${name} ⊇ ${path}`).toEqual(expect.arrayContaining(sources));
        } else expect(headerDirectives.get(name), `_headers ${name} = ${path}`).toEqual(sources);
      }
    }
  });

  test("the policy is in force and the violation listeners work, in the page and in a worker", async ({ page, context, baseURL }) => {
    // Served same-origin (so 'self' allows loading it), it tries eval in whichever context runs it.
    const probe =
      'let outcome = "blocked";\ntry { (0, eval)("1"); outcome = "ran"; } catch {}\n' +
      'if (typeof document === "undefined") self.postMessage(outcome); else document.documentElement.dataset.cspProbe = outcome;\n';
    const w = await watch(page, context, baseURL!, probe);
    await page.goto("./");
    const workerOutcome = await page.evaluate(async () => {
      const inline = document.createElement("script");
      inline.textContent = "document.documentElement.dataset.inlineRan = 'yes'";
      document.head.append(inline);
      const external = document.createElement("script");
      external.type = "module";
      external.src = new URL("__csp-probe.js", document.baseURI).href;
      document.head.append(external);
      const worker = new Worker(new URL("__csp-probe.js", document.baseURI), { type: "module" });
      const reply = await new Promise((resolve) => {
        worker.onmessage = (e) => resolve(e.data);
        worker.onerror = () => resolve("error");
      });
      worker.terminate();
      return reply;
    });
    await expect(page.locator("html")).toHaveAttribute("data-csp-probe", "blocked");
    await expect(page.locator("html")).not.toHaveAttribute("data-inline-ran", "yes");
    expect(workerOutcome).toBe("blocked");
    // Each is reported once per policy that forbids it: the meta tag and the header in the page, the header in the worker.
    for (const where of ["page script-src-elem blocked inline", "page script-src blocked eval", "worker script-src blocked eval"]) {
      await expect.poll(() => w.violations.filter((v) => v.startsWith(`${MARK} ${where}`)), where).not.toHaveLength(0);
    }
  });

  test("every page loads, and the search runs, with no violation and no third-party request", async ({
    page,
    context,
    baseURL,
    problems,
  }) => {
    const w = await watch(page, context, baseURL!);
    for (const path of PAGES) {
      await page.goto(path, { waitUntil: "load" });
    }
    await page.goto("./");
    await page.getByRole("button", { name: "Search" }).first().click();
    await page.getByRole("dialog").getByRole("textbox", { name: "Search" }).fill("entropy");
    await expect(page.getByRole("dialog").locator("mark").first()).toBeVisible({ timeout: 20_000 });
    expectClean(w, baseURL!);
    expect(w.requests.some((u) => u.includes("/pagefind/"))).toBe(true);
    expect(problems.consoleErrors).toEqual([]);
  });

  for (const demo of DEMOS) {
    test(`no violation and no third-party request while the demo runs: ${demo.name}`, async ({ page, context, baseURL, problems }) => {
      test.setTimeout(180_000);
      // Served by a host that sends _headers, so the pthreads that a worker starts (their requests bypass page
      // routes) get the isolation headers too, and the demos run with threads as on such a host.
      const site = await serveSite(OUT_DIR, new URL(baseURL!).pathname, { headersFile: true });
      try {
        const w = await watch(page, context, site.url);
        await page.goto(`${site.url}${demo.path}`);
        await demo.run(page);
        expectClean(w, site.url);
        // Each demo runs in a worker that got the header policy (and so compiled its WebAssembly under it).
        expect(w.workers.length, "worker scripts served with the header policy").toBeGreaterThan(0);
        // The dataset is fetched from inside the workers: seeing it proves worker requests were recorded too.
        expect(w.requests.filter((u) => u.includes("/data/")).length, "data requests seen").toBeGreaterThan(0);
        expect(problems.consoleErrors).toEqual([]);
      } finally {
        // Routes still fetching from the server (a prefetch) would fail the test once it stops.
        await context.unrouteAll({ behavior: "ignoreErrors" });
        await site.stop();
      }
    });
  }

  test.describe("with the service worker", () => {
    test.use({ serviceWorkers: "allow" });
    test("it registers and serves pages under the policy, with no third-party request", async ({ page, context, baseURL }) => {
      const w = await watch(page, context, baseURL!);
      await page.goto("./");
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      expect(
        w.workers.some((p) => p.endsWith("/sw.js")),
        "sw.js served with the header policy",
      ).toBe(true);
      await page.goto("binarization/");
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      expectClean(w, baseURL!);
    });
  });
});
