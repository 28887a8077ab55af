import { describe, expect, it, vi } from "vitest";
import { Channel } from "../../../src/chapters/entropy/channel.ts";
import { contextView, emView, entropyView, heatmapView, summaryView } from "../../../src/chapters/entropy/entropy-view.ts";
import { binarizationSummary } from "../../../src/lib/stats/binarization-summary.ts";
import { HALF_INTENSITY } from "../../../src/lib/stats/binarization.ts";
import { countPixelsSync } from "../../../src/lib/stats/pixel-counts.ts";

const images = [
  [255, 0, 0, 0],
  [255, 200, 0, 0],
  [0, 10, 128, 255],
  [0, 0, 130, 255],
];
const split = { count: 4, rows: 2, cols: 2, pixels: Uint8Array.from(images.flat()), labels: Uint8Array.from([0, 0, 1, 1]) };
const counts = countPixelsSync(split, 2);

describe("entropy views", () => {
  it("the heatmap table holds each pixel's share of images with it on, by row", () => {
    const s = binarizationSummary(counts, counts, HALF_INTENSITY);
    const share = (i: number): string => (images.filter((im) => (im[i] ?? 0) > 127).length / images.length).toFixed(2);
    expect(heatmapView(s.onProbabilities, 2, 2).tables.heatmap).toEqual([
      ["0", share(0), share(1)],
      ["1", share(2), share(3)],
    ]);
    expect(summaryView(s).values.binarization).toBe("> 127");
  });

  it("context and EM readouts, and the whole view keeps every part's keys", () => {
    const results = [{ templateSize: 0, neighbours: [], totalBits: 8, bitsPerImage: 2, images: 4, contextsSeen: 1 }];
    expect(contextView(results, HALF_INTENSITY).values).toEqual({
      "context-binarization": "> 127",
      "context-0": "2.00 bits",
      "context-seen-0": "1",
    });
    const fit = {
      components: 2,
      trainImages: 4,
      converged: true,
      testBitsPerImage: 3.5,
      history: [{ iteration: 1, trainBitsPerImage: 3.25, objectiveBitsPerImage: 3.3 }],
    };
    const em = emView(fit);
    expect(em.values).toEqual({
      "em-components": "2",
      "em-train-images": "4",
      "em-passes": "1 (converged)",
      "em-train": "3.25 bits",
      "em-test": "3.50 bits",
    });
    const s = binarizationSummary(counts, counts, HALF_INTENSITY);
    const all = entropyView({
      summary: s,
      rows: 2,
      cols: 2,
      classCounts: [2, 2],
      context: results,
      contextBinarization: HALF_INTENSITY,
      mixture: fit,
    });
    expect(all.values["label-entropy"]).toBe("1.00 bits");
    expect(all.values["context-0"]).toBe("2.00 bits");
    expect(all.values["em-test"]).toBe("3.50 bits");
    expect(all.tables?.heatmap).toHaveLength(2);
  });

  it("a channel gives a late subscriber the latest value, and stops after unsubscribing", () => {
    const channel = new Channel<number>();
    const early = vi.fn();
    const stop = channel.subscribe(early);
    channel.publish(1);
    const late = vi.fn();
    channel.subscribe(late);
    expect(late).toHaveBeenCalledWith(1);
    stop();
    channel.publish(2);
    expect(early.mock.calls).toEqual([[1]]);
    expect(late.mock.calls).toEqual([[1], [2]]);
  });
});
