import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { proseView } from "../../../src/chapters/description-length/prose.ts";

const bits = (b: number): string => `${Math.round(b).toLocaleString("en-US")} bits`;
const file = JSON.parse(readFileSync(join(process.cwd(), "content", "data", "description-length.json"), "utf8")) as {
  labels: { n: number; uniformBits: number };
  prequential: Array<{ totalBits: number }>;
  provenance: { gitCommit: string };
};

describe("the chapter's prose values", () => {
  it("come from the reference run, computed once", async () => {
    const view = await proseView();
    expect(proseView()).toBe(proseView());
    expect(view.values.n).toBe(file.labels.n.toLocaleString("en-US"));
    expect(view.values["uniform-bits"]).toBe(bits(file.labels.uniformBits));
    expect(view.values.log2_10).toBe("3.3219");
    const best = Math.min(...file.prequential.map((r) => r.totalBits));
    expect(view.values["preq-best"]).toBe(`${(best / 1000).toFixed(1)} kbits`);
    expect(view.values.commit).toBe(file.provenance.gitCommit.slice(0, 7));
    // No value is blank or NaN: a prose number that failed to compute must not ship.
    for (const [key, text] of Object.entries(view.values)) expect([key, text]).not.toEqual([key, expect.stringMatching(/^$|NaN/)]);
  });
});
