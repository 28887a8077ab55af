/**
 * The datasets of the commenter's plot: MNIST, exact seeded transformations of it that move the image entropy or the
 * task's difficulty one at a time, and Fashion-MNIST. Each is a recipe applied to checked source files, so the
 * reference run records the source checksums and the recipe, never a copy of the data.
 */
import type { Mnist } from "../data/mnist.ts";
import { binarize, classSubset, downsample, pixelNoise, randomLabels, randomShifts } from "./variants.ts";

export type DatasetSource = "mnist" | "fashion-mnist";

export interface DatasetSpec {
  id: string;
  /** A short readable name for tables and charts. */
  label: string;
  source: DatasetSource;
  /** What the variant changes, for the page. */
  moves: string;
  classes: number;
  make: (m: Mnist) => Mnist;
}

const both =
  (f: (s: Mnist["train"], which: number) => Mnist["train"]) =>
  (m: Mnist): Mnist => ({ train: f(m.train, 0), test: f(m.test, 1) });
const same = (m: Mnist): Mnist => m;

export const DATASETS: readonly DatasetSpec[] = [
  { id: "mnist", label: "MNIST", source: "mnist", moves: "nothing: the reference", classes: 10, make: same },
  {
    id: "mnist-random-labels",
    label: "MNIST, random labels",
    source: "mnist",
    moves: "labels drawn uniformly (seed 1): the images' entropy unchanged, nothing to learn",
    classes: 10,
    make: both((s, w) => randomLabels(s, 1 + w)),
  },
  {
    id: "mnist-14x14",
    label: "MNIST at 14×14",
    source: "mnist",
    moves: "2×2 averaging: less image entropy",
    classes: 10,
    make: both((s) => downsample(s, 2)),
  },
  {
    id: "mnist-7x7",
    label: "MNIST at 7×7",
    source: "mnist",
    moves: "4×4 averaging: much less image entropy",
    classes: 10,
    make: both((s) => downsample(s, 4)),
  },
  {
    id: "mnist-noise-10",
    label: "MNIST, 10% pixel noise",
    source: "mnist",
    moves: "10% of pixels set to random intensities (seeded): more image entropy, the same digits",
    classes: 10,
    make: both((s, w) => pixelNoise(s, 11 + w, 0.1)),
  },
  {
    id: "mnist-shift-4",
    label: "MNIST, shifted up to 4 px",
    source: "mnist",
    moves: "each image moved by up to 4 pixels (seeded): more image entropy, a harder task",
    classes: 10,
    make: both((s, w) => randomShifts(s, 21 + w, 4)),
  },
  {
    id: "mnist-binary-127",
    label: "MNIST, binarized at 127",
    source: "mnist",
    moves: "half-intensity binarization",
    classes: 10,
    make: both((s) => binarize(s, 127)),
  },
  {
    id: "mnist-binary-0",
    label: "MNIST, any ink",
    source: "mnist",
    moves: "any-ink binarization (the question's)",
    classes: 10,
    make: both((s) => binarize(s, 0)),
  },
  {
    id: "mnist-5-class",
    label: "MNIST digits 0–4",
    source: "mnist",
    moves: "five classes: less label entropy",
    classes: 5,
    make: both((s) => classSubset(s, [0, 1, 2, 3, 4])),
  },
  {
    id: "mnist-2-class",
    label: "MNIST 3 vs 5",
    source: "mnist",
    moves: "two similar classes: one bit per label at most",
    classes: 2,
    make: both((s) => classSubset(s, [3, 5])),
  },
  {
    id: "fashion-mnist",
    label: "Fashion-MNIST",
    source: "fashion-mnist",
    moves: "another image set of the same shape",
    classes: 10,
    make: same,
  },
];

export function datasetById(id: string): DatasetSpec {
  const d = DATASETS.find((x) => x.id === id);
  if (d === undefined) throw new Error(`no dataset '${id}' in src/lib/datasets/catalog.ts`);
  return d;
}
