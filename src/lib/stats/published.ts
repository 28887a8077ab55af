import { natsToBits } from "./entropy.ts";

/**
 * Published test-set negative log-likelihoods of density models on binarized MNIST, in nats per image as reported,
 * copied from /work/shared/references.md with its verification tags. "verified: false" ([U]) figures must be shown as
 * approximate. Binarizations differ (a fixed stochastic binarization vs dynamic re-binarization each epoch), so the
 * figures are not strictly comparable with each other, nor with a thresholded binarization.
 */
/**
 * "fixed stochastic": the one binarization of Salakhutdinov & Murray (2008), later published by Larochelle & Murray
 * (50,000/10,000/10,000); "dynamic stochastic": a fresh binarization each epoch (references.md, "Binarized-MNIST NLLs").
 */
export type PublishedBinarization = "fixed stochastic" | "dynamic stochastic";

export interface PublishedDensityResult {
  model: string;
  nats: number;
  binarization: PublishedBinarization;
  citation: string;
  verified: boolean;
  /** "about" in the source: the figure is itself approximate. */
  approximate?: boolean;
}

export const PUBLISHED_DENSITY_RESULTS: readonly PublishedDensityResult[] = [
  {
    model: "LMConv, 8 orderings",
    nats: 77.56,
    binarization: "dynamic stochastic",
    citation: "Jain, Abbeel & Pathak (UAI 2020)",
    verified: true,
  },
  {
    model: "PixelRNN (Diagonal BiLSTM)",
    nats: 79.2,
    binarization: "fixed stochastic",
    citation: "van den Oord, Kalchbrenner & Kavukcuoglu (ICML 2016)",
    verified: true,
  },
  {
    model: "PixelCNN",
    nats: 81.3,
    binarization: "fixed stochastic",
    citation: "van den Oord, Kalchbrenner & Kavukcuoglu (ICML 2016)",
    verified: true,
  },
  {
    model: "IWAE (k = 50, 2 stochastic layers)",
    nats: 82.9,
    binarization: "dynamic stochastic",
    citation: "Burda, Grosse & Salakhutdinov (ICLR 2016)",
    verified: true,
  },
  {
    model: "EoNADE (2 hidden layers, 128 orderings)",
    nats: 85.1,
    binarization: "fixed stochastic",
    citation: "Uria, Murray & Larochelle (2014)",
    verified: true,
  },
  {
    model: "RBM (500 hidden units)",
    nats: 86.34,
    binarization: "fixed stochastic",
    citation: "Salakhutdinov & Murray (ICML 2008)",
    verified: false,
  },
  {
    model: "NADE",
    nats: 88.86,
    binarization: "fixed stochastic",
    citation: "Larochelle & Murray (2011)",
    verified: false,
  },
  {
    model: "Mixture of 500 Bernoullis",
    nats: 137.64,
    binarization: "fixed stochastic",
    citation: "Salakhutdinov & Murray (ICML 2008)",
    verified: false,
  },
];

export function publishedBits(result: PublishedDensityResult): number {
  return natsToBits(result.nats);
}
