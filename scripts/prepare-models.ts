/**
 * Writes the files the site serves into public/models/, named by content hash, removing older ones: the
 * validation-selected small network and the 21,840-parameter network (from content/data/frontier.json), and the
 * label stream (from content/data/label-code.json). Part of `npm run prepare-data`.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { MODELS_DIR, frontierSelection } from "../src/build/frontier-build.ts";
import { servedLabelStream } from "../src/build/label-code-build.ts";

const outDir = resolve(process.argv[2] ?? join("public", MODELS_DIR));
const { chosen, reference } = frontierSelection();
mkdirSync(outDir, { recursive: true });
const keep = new Set<string>();
const labels = servedLabelStream();
for (const m of [chosen, reference, labels]) {
  const name = m.path.slice(MODELS_DIR.length + 1);
  keep.add(name);
  const path = join(outDir, name);
  if (!existsSync(path)) writeFileSync(path, m.bytes);
}
for (const f of readdirSync(outDir)) if (!keep.has(f)) rmSync(join(outDir, f));
console.log(
  `prepare-models: ${[...keep].join(", ")} in ${outDir} (${chosen.bytes.length}, ${reference.bytes.length} and ${labels.bytes.length} bytes)`,
);
