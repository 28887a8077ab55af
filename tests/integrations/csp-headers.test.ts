import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { AstroIntegrationLogger } from "astro";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cspHeaders } from "../../src/integrations/csp-headers.ts";
import {
  CSP_DIRECTIVES,
  EXTRA_HEADERS,
  ISOLATION_HEADERS,
  parseHeadersFile,
  SCRIPT_SOURCES,
  STYLE_SOURCES,
} from "../../src/integrations/csp.ts";

const POLICY = [...CSP_DIRECTIVES, `script-src ${SCRIPT_SOURCES.join(" ")}`, `style-src ${STYLE_SOURCES.join(" ")}`].join("; ");

describe("the _headers file", () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "csp-headers-"));
    writeFileSync(
      join(dir, "index.html"),
      `<html><head><meta charset="utf-8"><meta http-equiv="content-security-policy" content="${POLICY}"></head></html>`,
    );
    const hooks = cspHeaders().hooks;
    const logger = { info: () => undefined, warn: () => undefined } as unknown as AstroIntegrationLogger;
    (hooks["astro:config:done"] as (o: unknown) => void)({ config: { base: "/mnist-bits" } });
    await (hooks["astro:build:done"] as (o: unknown) => Promise<void>)({ dir: pathToFileURL(`${dir}/`), logger });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("gives everything under the base path the policy, the extra headers and the cross-origin isolation headers", () => {
    const rules = parseHeadersFile(readFileSync(join(dir, "_headers"), "utf8"));
    expect(rules.map((r) => r.pattern)).toEqual(["/mnist-bits/*"]);
    const headers = rules[0]?.headers ?? {};
    expect(headers).toMatchObject({ ...EXTRA_HEADERS, ...ISOLATION_HEADERS });
    expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(headers).toMatchObject({
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Embedder-Policy": "require-corp",
      "Cross-Origin-Resource-Policy": "same-origin",
    });
  });
});
