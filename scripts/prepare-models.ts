/**
 * Writes the model files the site serves (the validation-selected small network and the 21,840-parameter network)
 * from content/data/frontier.json into public/models/, named by content hash, removing older ones. Part of
 * `npm run prepare-data`.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { MODELS_DIR, frontierSelection } from "../src/build/frontier-build.ts";

const outDir = resolve(process.argv[2] ?? join("public", MODELS_DIR));
const { chosen, reference } = frontierSelection();
mkdirSync(outDir, { recursive: true });
const keep = new Set<string>();
for (const m of [chosen, reference]) {
  const name = m.path.slice(MODELS_DIR.length + 1);
  keep.add(name);
  const path = join(outDir, name);
  if (!existsSync(path)) writeFileSync(path, m.bytes);
}
for (const f of readdirSync(outDir)) if (!keep.has(f)) rmSync(join(outDir, f));
console.log(`prepare-models: ${[...keep].join(", ")} in ${outDir} (${chosen.bytes.length} and ${reference.bytes.length} bytes)`);
