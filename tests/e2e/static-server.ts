import { readFile, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { headersPatternMatches, parseHeadersFile } from "../../src/integrations/csp.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".gz": "application/gzip",
};

/**
 * A built site served from its base path by a server a test can take down (a real outage, which the service worker
 * sees as the network failing whatever the browser's offline emulation covers) and whose files it can replace (a new
 * deploy). Every request is logged by path.
 */
export interface SiteServer {
  /** e.g. http://127.0.0.1:41234/mnist-bits/ */
  url: string;
  /** Paths below the base (no leading slash) → the body to serve instead of the built file. */
  overrides: Map<string, string | Uint8Array>;
  /** Paths below the base of every request received, in order. */
  log: string[];
  stop(): Promise<void>;
}

export interface ServeOptions {
  /** Send the build's `_headers` rules with every response they match, as Netlify or Cloudflare Pages would. */
  headersFile?: boolean;
  /** Default: any free port. */
  port?: number;
  /** gzip text responses for clients that accept it, as hosts do (for the bench's Lighthouse figures). */
  compress?: boolean;
}

export async function serveSite(root: string, base: string, options: ServeOptions = {}): Promise<SiteServer> {
  const rootDir = resolve(root);
  const overrides = new Map<string, string | Uint8Array>();
  const log: string[] = [];
  const rules = options.headersFile === true ? parseHeadersFile(await readFile(join(rootDir, "_headers"), "utf8")) : [];
  const server: Server = createServer((req, res) => {
    // Read by send(), so even an error answer gets the headers its path would.
    let pathname = "";
    void (async () => {
      pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
      if (!pathname.startsWith(base)) return send(404, "text/plain", "not found");
      let rel = pathname.slice(base.length);
      log.push(rel);
      if (rel === "" || rel.endsWith("/")) rel += "index.html";
      const override = overrides.get(rel);
      if (override !== undefined) return send(200, TYPES[extname(rel)] ?? "application/octet-stream", override);
      const file = normalize(join(rootDir, rel));
      if (!file.startsWith(rootDir)) return send(404, "text/plain", "not found");
      const found = await stat(file).then(
        (s) => s.isFile(),
        () => false,
      );
      if (!found) return send(404, "text/html; charset=utf-8", await readFile(join(rootDir, "404.html")).catch(() => "not found"));
      send(200, TYPES[extname(file)] ?? "application/octet-stream", await readFile(file));
    })().catch((e: unknown) => send(500, "text/plain", String(e)));

    function send(status: number, type: string, body: string | Uint8Array): void {
      const headers: Record<string, string> = { "Content-Type": type, "Cache-Control": "no-cache" };
      for (const rule of rules) if (headersPatternMatches(rule.pattern, pathname)) Object.assign(headers, rule.headers);
      const gzip = options.compress === true && /^(text\/|application\/(json|javascript|wasm)|image\/svg)/.test(type);
      if (gzip && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
        headers["Content-Encoding"] = "gzip";
        headers["Vary"] = "Accept-Encoding";
        res.writeHead(status, headers);
        res.end(gzipSync(body));
        return;
      }
      res.writeHead(status, headers);
      res.end(body);
    }
  });
  // A port already taken (a server left over from an earlier run) rejects rather than crashing the process.
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 0, "127.0.0.1", ok);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    overrides,
    log,
    stop: () =>
      new Promise<void>((ok, fail) => {
        server.close((e) => (e ? fail(e) : ok()));
        server.closeAllConnections();
      }),
  };
}
