import { describe, expect, it } from "vitest";
import { createSlicer, phase } from "../../../src/lib/stats/progress.ts";

describe("createSlicer", () => {
  it("reports non-decreasing progress ending at 1", async () => {
    const seen: number[] = [];
    const slicer = createSlicer({ sliceMs: 0, onProgress: (f) => seen.push(f) });
    expect(slicer.due()).toBe(true);
    await slicer.pause(0.5);
    await slicer.pause(0.25);
    await slicer.pause(2);
    slicer.finish();
    expect(seen).toEqual([0.5, 0.5, 1, 1]);
  });

  it("throws the signal's reason at the next pause, and at once if already aborted", async () => {
    const controller = new AbortController();
    const slicer = createSlicer({ signal: controller.signal, sliceMs: 0 });
    await slicer.pause(0.1);
    controller.abort(new Error("cancelled by test"));
    await expect(slicer.pause(0.2)).rejects.toThrow("cancelled by test");
    expect(() => createSlicer({ signal: controller.signal })).toThrow("cancelled by test");
  });
});

describe("phase", () => {
  it("maps a phase's 0..1 onto its share of the whole and keeps the other options", () => {
    const seen: number[] = [];
    const signal = new AbortController().signal;
    const p = phase({ onProgress: (f) => seen.push(f), signal, sliceMs: 5 }, 0.2, 0.6);
    p.onProgress?.(0);
    p.onProgress?.(0.5);
    p.onProgress?.(1);
    expect(seen.map((x) => Number(x.toFixed(12)))).toEqual([0.2, 0.4, 0.6]);
    expect(p.signal).toBe(signal);
    expect(p.sliceMs).toBe(5);
    expect(phase({}, 0, 1).onProgress).toBeUndefined();
  });
});
