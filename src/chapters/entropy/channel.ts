import type { LadderInputs } from "../../lib/stats/bits-ladder.ts";
import type { PixelCounts } from "../../lib/stats/pixel-counts.ts";

/**
 * A typed value that islands of one page publish and subscribe to: chapter 2's explorer shares its live results with
 * the seed search and the bits ladder, which render at build time on their own and only listen in the browser. A
 * subscriber that comes late gets the latest value at once.
 */
export class Channel<T> {
  private readonly listeners = new Set<(value: T) => void>();
  private latest: { value: T } | undefined;

  publish(value: T): void {
    this.latest = { value };
    for (const listener of [...this.listeners]) listener(value);
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    if (this.latest) listener(this.latest.value);
    return () => this.listeners.delete(listener);
  }
}

export interface LiveCounts {
  train: PixelCounts;
  test: PixelCounts;
}

/** The count tables, once the explorer has loaded them. */
export const liveCounts = new Channel<LiveCounts>();
/** The ladder's inputs, whenever the binarization or a heavy result changes. */
export const liveLadder = new Channel<LadderInputs>();
