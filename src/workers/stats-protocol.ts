import type { Binarization } from "../lib/stats/binarization.ts";
import type { ContextModelResult } from "../lib/stats/context-model.ts";
import type { EmIteration } from "../lib/stats/em.ts";
import type { PixelCounts } from "../lib/stats/pixel-counts.ts";

/** Messages the chapter 1-2 islands send to the stats worker. */
export type StatsRequest =
  | { type: "load"; dataUrl: string; samples: number }
  | { type: "context"; binarization: Binarization; seed: number }
  | { type: "em"; binarization: Binarization; components: number; seed: number; maxIterations: number }
  | { type: "cancel" };

/** Which long job a progress, cancelled or error message belongs to. */
export type StatsJob = "load" | "context" | "em";

/** Messages the stats worker sends back. The count tables travel as transferred buffers (8 MB each). */
export type StatsResponse =
  | { type: "progress"; job: StatsJob; fraction: number; detail: string }
  | {
      type: "loaded";
      train: PixelCounts;
      test: PixelCounts;
      trainClassCounts: number[];
      /** The first `samples` training images, rows × cols bytes each. */
      samples: Uint8Array;
      received: number;
      loadMs: number;
    }
  | { type: "context-done"; binarization: Binarization; results: ContextModelResult[]; ms: number }
  | {
      type: "em-done";
      binarization: Binarization;
      components: number;
      trainImages: number;
      testBitsPerImage: number;
      history: EmIteration[];
      converged: boolean;
      ms: number;
    }
  | { type: "cancelled"; job: StatsJob }
  | { type: "error"; job: StatsJob; message: string };
