import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import {
  addSources,
  EXTRA_HEADERS,
  HEADER_ONLY_DIRECTIVES,
  headersFile,
  hoistMetaPolicy,
  inlineScripts,
  ISOLATION_HEADERS,
  mergePolicies,
  parsePolicy,
  policyProblems,
  serializePolicy,
} from "./csp.ts";

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".html")).map((e) => join(e.parentPath, e.name));
}

/**
 * Adds the hashes of each page's inline scripts that Astro left out (Starlight's) to its meta policy and moves the tag
 * to the top of <head>, then writes `_headers` at the root of the build: the union of every page's policy (so the
 * header never blocks what a page allows) plus the directives only a header can carry, and the cross-origin isolation
 * headers. Workers take their policy from this header alone. The build fails when a page has no policy or one weaker
 * than the site's rules, so a config change cannot silently drop it. It rewrites the HTML, so it must run before
 * anything that fingerprints the built pages (a service worker's precache manifest): keep it ahead of such
 * integrations in the list.
 */
export function cspHeaders(): AstroIntegration {
  let base = "/";
  return {
    name: "mnist-bits:csp-headers",
    hooks: {
      "astro:config:done": ({ config }) => {
        base = config.base;
      },
      "astro:build:done": async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const policies = [];
        for (const file of await htmlFiles(root)) {
          const html = await readFile(file, "utf8");
          const hashes = inlineScripts(html).map((body) => `'sha256-${createHash("sha256").update(body).digest("base64")}'`);
          const page = hoistMetaPolicy(html, (p) => serializePolicy(addSources(parsePolicy(p), "script-src", hashes)));
          if (page === null) throw new Error(`${file} has no Content-Security-Policy meta tag`);
          await writeFile(file, page.html);
          const policy = parsePolicy(page.policy);
          const problems = policyProblems(policy);
          if (problems.length > 0) throw new Error(`${file}: ${problems.join("; ")}`);
          policies.push(policy);
        }
        const merged = mergePolicies(policies);
        for (const directive of HEADER_ONLY_DIRECTIVES) {
          const [name, ...sources] = directive.split(" ");
          if (name) merged.set(name, sources);
        }
        const csp = serializePolicy(merged);
        await writeFile(
          join(root, "_headers"),
          headersFile(base, { "Content-Security-Policy": csp, ...EXTRA_HEADERS, ...ISOLATION_HEADERS }),
        );
        logger.info(`_headers: one policy for ${policies.length} pages under ${base} (${csp.length} characters)`);
        // Cloudflare Pages ignores _headers lines longer than 2,000 characters.
        if (csp.length > 1_950) logger.warn("the Content-Security-Policy header nears 2,000 characters, too long for some hosts");
      },
    },
  };
}
