/**
 * A minimal static server for the bench page: the Vite build at / and the prepared dataset at /data/, byte for byte
 * as stored (no Content-Encoding, like the site's static hosting of the .gz files), never cached; `headers` go on every
 * response (the cross-origin isolation headers, for the threaded runs).
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, normalize } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".gz": "application/gzip",
};

/** Maps a URL path to a file below one of the roots, or undefined (also for any path that climbs out of its root). */
export function resolveStatic(urlPath: string, roots: ReadonlyArray<{ prefix: string; dir: string }>): string | undefined {
  const path = decodeURIComponent(urlPath.split("?")[0] ?? "/");
  for (const { prefix, dir } of roots) {
    if (!path.startsWith(prefix)) continue;
    const rest = normalize(path.slice(prefix.length) || "index.html");
    if (rest.startsWith("..") || rest.startsWith("/")) return undefined;
    return join(dir, rest.endsWith("/") ? `${rest}index.html` : rest);
  }
  return undefined;
}

/** Listens on 127.0.0.1:`port` (0: any free port, so parallel runs never collide); resolves with the server and its URL. */
export async function serveStatic(
  port: number,
  roots: ReadonlyArray<{ prefix: string; dir: string }>,
  headers: Readonly<Record<string, string>> = {},
): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const file = resolveStatic(req.url ?? "/", roots);
    if (file === undefined || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "content-length": statSync(file).size,
      "cache-control": "no-store",
      ...headers,
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the bench server has no TCP address");
  return { server, origin: `http://127.0.0.1:${address.port}/` };
}
