import { afterEach, describe, expect, it, vi } from "vitest";
import { yieldToEventLoop } from "../../../src/lib/train/yield.ts";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("yieldToEventLoop", () => {
  it("lets already queued tasks run first (Node: setImmediate)", async () => {
    const order: string[] = [];
    setImmediate(() => order.push("task"));
    await yieldToEventLoop();
    order.push("after yield");
    expect(order).toEqual(["task", "after yield"]);
  });

  it("works through a MessageChannel where setImmediate is missing (browsers, workers)", async () => {
    vi.stubGlobal("setImmediate", undefined);
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((i) => yieldToEventLoop().then(() => order.push(i))));
    expect(order).toEqual([1, 2, 3]);
    for (let i = 0; i < 200; i++) await yieldToEventLoop();
  });

  it("falls back to setTimeout without either", async () => {
    vi.stubGlobal("setImmediate", undefined);
    vi.stubGlobal("MessageChannel", undefined);
    await expect(yieldToEventLoop()).resolves.toBeUndefined();
  });
});
