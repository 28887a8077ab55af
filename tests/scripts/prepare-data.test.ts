import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { validateManifest } from "../../src/lib/data/manifest.ts";
import { MNIST_FILES } from "../../src/lib/data/mnist.ts";
import { mnistSourceDir } from "../../src/lib/data/node.ts";

const out = mkdtempSync(join(tmpdir(), "mnist-bits-data-"));
const run = (): string => execFileSync("npx", ["tsx", "scripts/prepare-data.ts", out], { encoding: "utf8" });
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("scripts/prepare-data.ts", () => {
  it("writes gzip files whose inflated bytes are the source files, with a matching manifest; reruns are no-ops", () => {
    expect(run()).toMatch(/wrote 4 of 4 files/);
    const manifest = validateManifest(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")));
    for (const [key, name] of Object.entries(MNIST_FILES) as [keyof typeof MNIST_FILES, string][]) {
      const entry = manifest.files[key];
      const gz = readFileSync(join(out, entry.path));
      const source = readFileSync(join(mnistSourceDir(), name));
      expect(gz.length).toBe(entry.bytes);
      expect(gunzipSync(gz).equals(source)).toBe(true);
      expect(createHash("sha256").update(source).digest("hex")).toBe(entry.sha256);
      expect(entry.path).toBe(`${name}.${entry.sha256.slice(0, 8)}.gz`);
    }
    expect(run()).toMatch(/up to date/);

    // A damaged output file is noticed and rewritten.
    const damaged = join(out, manifest.files.testLabels.path);
    writeFileSync(damaged, "garbage");
    expect(run()).toMatch(/wrote 1 of 4 files/);
    expect(gunzipSync(readFileSync(damaged)).length).toBe(manifest.files.testLabels.decodedBytes);
  });
});
