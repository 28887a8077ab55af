/**
 * What both reference scripts (experiments.ts, description-length.ts) start with: the wasm backend the browser's live
 * runs use, the dataset and the served manifest (whose SHA-256 sums go into the provenance), a log with elapsed
 * seconds, and the versions and commit for the provenance.
 */
import { execSync, spawn } from "node:child_process";
import { renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadMnistNode, readServedManifest } from "../src/lib/data/node.ts";
import { selectBackend } from "../src/lib/train/backend.ts";

const require = createRequire(import.meta.url);

export const packageVersion = (pkg: string): string => (require(`${pkg}/package.json`) as { version: string }).version;
export const git = (cmd: string): string => execSync(`git ${cmd}`, { encoding: "utf8" }).trim();

/** The engine versions and the data (package and SHA-256 of each served file) that every provenance records. */
export function engineAndData(manifest: ReturnType<typeof readServedManifest>) {
  return {
    tfjs: packageVersion("@tensorflow/tfjs"),
    tfjsBackendWasm: packageVersion("@tensorflow/tfjs-backend-wasm"),
    node: process.version,
    data: {
      source: `${manifest.source.package}@${manifest.source.version}`,
      sha256: Object.fromEntries(Object.entries(manifest.files).map(([k, f]) => [k, f.sha256])),
    },
  };
}

export async function startReferenceRun() {
  const choice = await selectBackend({ order: ["wasm"] });
  const started = Date.now();
  return {
    choice,
    mnist: loadMnistNode(),
    manifest: readServedManifest(),
    started,
    seconds: (): number => (Date.now() - started) / 1000,
    log: (s: string): void => console.log(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${s}`),
  };
}

/**
 * Runs `script --cell key` in a child process (the reference scripts run each cell in its own process, one per core)
 * and resolves with the JSON the child printed on its `RESULT ` line.
 */
export function runCellInChild<T>(script: string, key: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, script, "--cell", key], { stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = stdout.split("\n").find((l) => l.startsWith("RESULT "));
      if (code !== 0 || line === undefined) reject(new Error(`cell ${key} failed (exit ${code})`));
      else resolve(JSON.parse(line.slice(7)) as T);
    });
  });
}

/**
 * The commit whose code this process loaded, and whether the tracked tree was clean. Read before any work, so a
 * later checkout cannot be credited with the result.
 */
export function codeVersion(): { gitCommit: string; clean: boolean } {
  return { gitCommit: git("rev-parse HEAD"), clean: git("status --porcelain --untracked-files=no") === "" };
}

/** Reference results come from a clean commit: refuses a tree with uncommitted changes unless allowed. */
export function refuseDirtyTree(allowDirty: boolean | undefined): void {
  if (!codeVersion().clean && allowDirty !== true) {
    throw new Error(
      "the working tree has uncommitted changes: commit first (reference results come from a clean commit), or pass --allow-dirty for a trial",
    );
  }
}

/** Writes a reference file whole or not at all (a killed run leaves the previous version, never half a JSON). */
export function writeJsonAtomic(path: string, data: unknown): void {
  writeFileSync(`${path}.tmp`, `${JSON.stringify(data, null, 1)}\n`);
  renameSync(`${path}.tmp`, path);
}
