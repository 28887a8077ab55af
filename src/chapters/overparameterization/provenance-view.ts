/** Where the reference figures come from: the sweep's provenance and its full-data runs (build time only). */
import type { View } from "../../client/view.ts";
import { describeArch, parseArchKey } from "../../lib/train/arch.ts";
import type { SweepFile } from "../../lib/train/sweep-file.ts";
import { formatInt, percent, seconds } from "./train-format.ts";

export type ProvenanceKey =
  "command" | "generated-by" | "wall" | "date" | "commit" | "dirty" | "parts" | "engine" | "data" | "train-sha" | "test-sha" | "networks";

const PART_NAMES = { ladder: "the size ladder", full: "the full-data runs", memorization: "the memorisation search" } as const;

/** "", or the parts an earlier invocation computed: "; the size ladder and the memorisation search: commit …, …". */
function partsText(sweep: SweepFile): string {
  const parts = sweep.provenance.parts;
  if (parts === undefined) return "";
  const latest = sweep.provenance.gitCommit;
  const byCommit = new Map<string, { names: string[]; date: string; command: string }>();
  for (const [part, p] of Object.entries(parts) as Array<[keyof typeof PART_NAMES, (typeof parts)["ladder"]]>) {
    if (p.gitCommit === latest && p.date === sweep.provenance.date) continue;
    const entry = byCommit.get(p.gitCommit) ?? { names: [], date: p.date, command: p.command };
    entry.names.push(PART_NAMES[part]);
    byCommit.set(p.gitCommit, entry);
  }
  return [...byCommit]
    .map(([commit, e]) => `; ${e.names.join(" and ")} by an earlier run (${e.command}, commit ${commit.slice(0, 12)}, ${e.date})`)
    .join("");
}

export function provenanceView(sweep: SweepFile): View<ProvenanceKey, "full-runs"> {
  const p = sweep.provenance;
  const first = sweep.full.runs[0];
  return {
    values: {
      command: p.command,
      "generated-by": p.generatedBy,
      wall: seconds(p.wallSeconds),
      date: p.date,
      commit: p.gitCommit.slice(0, 12),
      dirty: p.gitDirty ? " with uncommitted changes (this chapter's code, written alongside)" : "",
      parts: partsText(sweep),
      engine: `TensorFlow.js ${p.tfjs}, backend ${p.backend} (${p.backendDetail}) with this site's gradient kernels, Node ${p.node}`,
      data: p.data.source,
      "train-sha": `${(p.data.sha256["trainImages"] ?? "").slice(0, 16)}…`,
      "test-sha": `${(p.data.sha256["testImages"] ?? "").slice(0, 16)}…`,
      networks: first ? describeArch(parseArchKey(first.arch)) : "",
    },
    tables: {
      "full-runs": sweep.full.runs.map((r) => [
        String(r.seed),
        r.epochs.map((e) => percent(e.testAccuracy)).join(", "),
        seconds(r.trainSeconds),
        formatInt(r.imagesPerSecond),
      ]),
    },
  };
}
