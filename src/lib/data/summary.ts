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
  /** A fixed sample of training digits: row r holds the (r+1)-th image of each class 0..9, so each column is one digit. */
  samples: { indices: number[]; labels: number[]; pixels: Uint8Array };
}

/** What the dataset card shows; the build and the browser worker both call this, so the two can only differ if the data do. */
export function summarizeMnist(mnist: Mnist, samplesPerClass = 2): DatasetSummary {
  const { train, test } = mnist;
  const size = train.rows * train.cols;
  const byClass = firstOfEachClass(train.labels, samplesPerClass, CLASSES);
  const indices = Array.from({ length: byClass.length }, (_, k) => {
    const row = Math.floor(k / CLASSES);
    return byClass[(k % CLASSES) * samplesPerClass + row] ?? 0;
  });
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
