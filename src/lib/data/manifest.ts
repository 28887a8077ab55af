import type { MnistFileKey } from "./mnist.ts";

/** What scripts/prepare-data.ts writes next to the served files, and what every loader checks against. */
export interface ManifestEntry {
  /** File name relative to the manifest; carries a hash so an updated dataset never hits a stale cache. */
  path: string;
  encoding: "gzip" | "identity";
  /** Bytes on the wire as stored (compressed size for gzip). */
  bytes: number;
  /** Bytes of the decoded IDX file. */
  decodedBytes: number;
  /** SHA-256 (hex) of the decoded IDX file. */
  sha256: string;
  dims: number[];
}

export interface Manifest {
  format: 1;
  source: { package: string; version: string };
  files: Record<MnistFileKey, ManifestEntry>;
}

export const MANIFEST_NAME = "manifest.json";

export function validateManifest(value: unknown): Manifest {
  const fail = (why: string): never => {
    throw new Error(`${MANIFEST_NAME}: ${why}`);
  };
  if (typeof value !== "object" || value === null) fail("not a JSON object");
  const m = value as Partial<Manifest>;
  if (m.format !== 1) fail(`unknown format ${String(m.format)}`);
  const files = m.files ?? fail("no files listed");
  for (const key of ["trainImages", "trainLabels", "testImages", "testLabels"] as const) {
    const e = files[key] ?? fail(`missing entry ${key}`);
    if (typeof e.path !== "string" || !/^[\w.-]+$/.test(e.path)) fail(`${key}: bad path`);
    if (e.encoding !== "gzip" && e.encoding !== "identity") fail(`${key}: bad encoding`);
    if (!Number.isSafeInteger(e.bytes) || !Number.isSafeInteger(e.decodedBytes)) fail(`${key}: bad sizes`);
    if (typeof e.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(e.sha256)) fail(`${key}: bad sha256`);
  }
  return m as Manifest;
}

export function totalBytes(m: Manifest): number {
  return Object.values(m.files).reduce((s, e) => s + e.bytes, 0);
}
