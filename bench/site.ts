/**
 * The built site the browser benchmarks run against: either an existing build (`--site dist --base /mnist-bits/`,
 * what the smoke run uses after the e2e suite has built one) or a fresh production build into `dist-bench/` at `/`.
 * Served by `astro preview`, the same server the e2e suite uses.
 */
import { spawn, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

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
  const port = options.port ?? 4361;
  const server = spawn("npx", ["astro", "preview", "--ignore-lock", "--host", "127.0.0.1", "--port", String(port)], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ASTRO_OUT_DIR: outDir, BASE_PATH: basePath },
    detached: true,
  });
  let log = "";
  server.stdout.on("data", (d: Buffer) => (log += d.toString()));
  server.stderr.on("data", (d: Buffer) => (log += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}${basePath}`;
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`astro preview exited (${server.exitCode}):\n${log}`);
      const ok = await fetch(baseUrl).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`astro preview did not answer at ${baseUrl} within 60 s:\n${log}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    return await fn({ baseUrl, outDir, basePath });
  } finally {
    // The whole process group: npx leaves the preview server as a child.
    try {
      if (server.pid !== undefined) process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}
