import { describe, expect, it } from "vitest";
import { partProvenance, type SweepProvenance } from "../../../src/lib/train/sweep-file.ts";

const previous = {
  command: "tsx scripts/experiments.ts --only ladder,full,memorize",
  date: "2026-12-01T21:28:19Z",
  gitCommit: "aaa",
} as SweepProvenance;
const now = { command: "tsx scripts/experiments.ts --only full", date: "2026-12-02T03:37:52Z", gitCommit: "bbb" };

describe("each part's provenance", () => {
  it("is this invocation's for the parts it ran and the previous file's for the others", () => {
    const parts = partProvenance(new Set(["full"]), now, previous);
    expect(parts.full).toEqual(now);
    expect(parts.ladder).toEqual({ command: previous.command, date: previous.date, gitCommit: "aaa" });
    expect(parts.memorization.gitCommit).toBe("aaa");
  });
  it("keeps what an earlier partial run recorded per part, rather than that run's own line", () => {
    const after = { ...previous, ...now, parts: partProvenance(new Set(["full"]), now, previous) } as SweepProvenance;
    const third = { command: "tsx scripts/experiments.ts --only ladder", date: "2026-12-03T00:00:00Z", gitCommit: "ccc" };
    const parts = partProvenance(new Set(["ladder"]), third, after);
    expect([parts.ladder.gitCommit, parts.full.gitCommit, parts.memorization.gitCommit]).toEqual(["ccc", "bbb", "aaa"]);
  });
  it("refuses a partial run without a previous file to take the other parts from", () => {
    expect(() => partProvenance(new Set(["full"]), now, undefined)).toThrow(/no provenance for the ladder part/);
  });
});
