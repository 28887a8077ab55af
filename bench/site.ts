/**
 * The built site the browser benchmarks run against: either an existing build (`--site dist --base /mnist-bits/`,
 * what the smoke run uses after the e2e suite has built one) or a fresh production build into `dist-bench/` at `/`.
 * Served as a host that reads `_headers` serves it (tests/e2e/static-server.ts): with the CSP and the cross-origin
 * isolation headers, so a first visit is isolated at once and the service worker has no reason to reload the page in
 * the middle of a Lighthouse run.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { serveSite } from "../tests/e2e/static-server.ts";

export interface BuiltSite {
  /** e.g. http://127.0.0.1:4361/mnist-bits/ (always ends with '/'). */
  baseUrl: string;
  outDir: string;
  basePath: string;
}

const ROOT = join(import.meta.dirname, "..");

export interface SiteOptions {
  /** An existing build to serve; when absent the site is built into dist-bench/. */
  outDir?: string;
  basePath?: string;
  port?: number;
}

function normaliseBase(base: string): string {
  const withLead = base.startsWith("/") ? base : `/${base}`;
  return withLead.endsWith("/") ? withLead : `${withLead}/`;
}

export async function withBuiltSite<T>(options: SiteOptions, fn: (site: BuiltSite) => Promise<T>): Promise<T> {
  const basePath = normaliseBase(options.basePath ?? "/");
  let outDir = options.outDir ?? "dist-bench";
  if (options.outDir === undefined) {
    console.error(`bench: building the site into ${outDir}/ …`);
    execFileSync("npx", ["astro", "build"], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, ASTRO_OUT_DIR: outDir, BASE_PATH: basePath },
    });
  }
  outDir = join(ROOT, outDir);
  if (!existsSync(join(outDir, "index.html"))) {
    throw new Error(`no built site in ${outDir} (run \`npm run build\`, or drop --site to let the bench build one)`);
  }
  const server = await serveSite(outDir, basePath, { headersFile: true, compress: true, port: options.port ?? 4361 });
  try {
    return await fn({ baseUrl: server.url, outDir, basePath });
  } finally {
    await server.stop();
  }
}
