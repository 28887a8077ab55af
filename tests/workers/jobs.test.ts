import { describe, expect, it } from "vitest";
import { isJobReply } from "../../src/workers/jobs.ts";

describe("isJobReply", () => {
  it("accepts the four replies of the envelope", () => {
    expect(isJobReply({ type: "progress", id: 1, progress: 0.5 })).toBe(true);
    expect(isJobReply({ type: "result", id: 1, result: {} })).toBe(true);
    expect(isJobReply({ type: "cancelled", id: 1 })).toBe(true);
    expect(isJobReply({ type: "error", id: 1, message: "x" })).toBe(true);
  });

  it("rejects requests, liveness messages and anything without a numeric id", () => {
    expect(isJobReply({ type: "run", id: 1, job: {} })).toBe(false);
    expect(isJobReply({ type: "worker-alive", lock: null })).toBe(false);
    expect(isJobReply({ type: "result", id: "1" })).toBe(false);
    expect(isJobReply("result")).toBe(false);
    expect(isJobReply(undefined)).toBe(false);
  });

  it("rejects null without throwing (a worker may post anything)", () => {
    expect(isJobReply(null)).toBe(false);
  });
});
