import { describe, expect, it } from "vitest";
import { durationText, TimeLeft, timeLeftText } from "../../src/client/time-left.ts";

describe("time left", () => {
  it("rounds coarsely: 5 s steps under a minute, minutes under an hour, then hours and minutes", () => {
    expect(durationText(0.4)).toBe("5 s");
    expect(durationText(43)).toBe("45 s");
    expect(durationText(58)).toBe("1 min");
    expect(durationText(150)).toBe("3 min");
    expect(durationText(3590)).toBe("1 h");
    expect(durationText(3600 + 20 * 60)).toBe("1 h 20 min");
  });

  it("estimates the rest at the pace so far, and says nothing too early or once done", () => {
    expect(timeLeftText(30_000, 0.25)).toBe("about 2 min left");
    expect(timeLeftText(10_000, 0.5)).toBe("about 10 s left");
    expect(timeLeftText(2_000, 0.5)).toBeUndefined();
    expect(timeLeftText(60_000, 0.01)).toBeUndefined();
    expect(timeLeftText(60_000, 1)).toBeUndefined();
    // The pace counts from the fraction where the clock started.
    expect(timeLeftText(10_000, 0.6, 0.5)).toBe("about 40 s left");
  });

  it("follows a run, and starts afresh when its fraction goes back (a new phase)", () => {
    let now = 0;
    const left = new TimeLeft(() => now);
    expect(left.update(0)).toBeUndefined();
    now = 20_000;
    expect(left.update(0.5)).toBe("about 20 s left");
    // The download is done; training starts at 0: the clock restarts.
    now = 21_000;
    expect(left.update(0.01)).toBeUndefined();
    now = 31_000;
    expect(left.update(0.11)).toBe("about 1 min left");
  });
});
