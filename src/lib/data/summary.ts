import { CLASSES, classCounts, firstOfEachClass, type Mnist } from "./mnist.ts";

export interface SplitSummary {
  count: number;
  classCounts: number[];
}

export interface DatasetSummary {
  rows: number;
  cols: number;
  train: SplitSummary;
  test: SplitSummary;
  /** A fixed sample of training digits (the first of each class, class by class), for grids. */
  samples: { indices: number[]; labels: number[]; pixels: Uint8Array };
}

/** What the dataset card shows; the build and the browser worker both call this, so the two can only differ if the data do. */
export function summarizeMnist(mnist: Mnist, samplesPerClass = 2): DatasetSummary {
  const { train, test } = mnist;
  const size = train.rows * train.cols;
  const indices = firstOfEachClass(train.labels, samplesPerClass, CLASSES);
  const pixels = new Uint8Array(indices.length * size);
  indices.forEach((idx, k) => pixels.set(train.pixels.subarray(idx * size, (idx + 1) * size), k * size));
  return {
    rows: train.rows,
    cols: train.cols,
    train: { count: train.count, classCounts: classCounts(train.labels) },
    test: { count: test.count, classCounts: classCounts(test.labels) },
    samples: { indices, labels: indices.map((i) => train.labels[i] ?? 0), pixels },
  };
}
