import { describeBinarization, type Binarization } from "./binarization.ts";
import { PUBLISHED_DENSITY_RESULTS, publishedBits } from "./published.ts";
import { SEED_REPORTED_BITS } from "./seed-search.ts";

/**
 * The "bits ladder": bits per image from the raw pixel count down through ever better models of the binarized images,
 * beside the published density models, the seed's 191 and the bits in a label. Each computed rung is an ideal code
 * length (an upper bound on the entropy of that binarization of the data) unless its note says it is measured on the
 * data it was fitted to.
 */
export type RungKind = "computed" | "published" | "seed";

export interface LadderRung {
  label: string;
  bitsPerImage: number;
  kind: RungKind;
  source?: string;
  /** Binarization the figure refers to, in words. */
  binarization?: string;
  /** Unverified or "about" figures from references.md: print as approximate. */
  approximate?: boolean;
  /** Which images the figure is measured on: rungs compare only with rungs of the same images and binarization. */
  images?: "training" | "test";
  note?: string;
}

/** A reference measured at build time on the test images under a seeded stochastic binarization, whatever the page shows. */
export interface StochasticReference {
  seed: number;
  templateSize: number;
  contextBitsPerImage: number;
  /** E sum_i H_b(x_i/255) on the same images (stochastic-noise.ts). */
  noiseBitsPerImage: number;
}

/** The computed quantities at one binarization; each is optional so the page can add rungs as workers finish. */
export interface LadderInputs {
  binarization: Binarization;
  /** rows × cols. */
  pixelsPerImage: number;
  independentTrainEntropy?: number;
  independentTestCodeLength?: number;
  classConditionalTestGivenLabel?: number;
  classConditionalTestMixture?: number;
  contextModel?: { templateSize: number; bitsPerImage: number; images: number };
  bernoulliMixture?: { components: number; trainImages: number; testBitsPerImage: number };
  labelEntropy?: number;
  classes?: number;
  stochastic?: StochasticReference;
}

export function bitsLadder(inputs: LadderInputs): LadderRung[] {
  const binarization = describeBinarization(inputs.binarization);
  const computed = (label: string, bitsPerImage: number | undefined, note: string, images: "training" | "test"): LadderRung[] =>
    bitsPerImage === undefined ? [] : [{ label, bitsPerImage, kind: "computed", binarization, note, images }];
  const st = inputs.stochastic;
  const stochasticRungs: LadderRung[] =
    st === undefined
      ? []
      : [
          {
            label: `Adaptive context model, ${st.templateSize}-pixel template, stochastic binarization (test)`,
            bitsPerImage: st.contextBitsPerImage,
            kind: "computed",
            binarization: `stochastic, seed ${st.seed}`,
            images: "test",
            note: "The same coder on the test images binarized once with a fixed seed: the kind of data the fixed-binarization rungs were measured on.",
          },
          {
            label: "Coin flips of a stochastic binarization",
            bitsPerImage: st.noiseBitsPerImage,
            kind: "computed",
            binarization: "stochastic",
            images: "test",
            note: "E Σ H_b(x/255): bits any code of stochastically binarized images pays for the coin flips, which say nothing about the digits.",
          },
        ];
  const classes = inputs.classes ?? 10;
  const rungs: LadderRung[] = [
    {
      label: "Raw binary pixels",
      bitsPerImage: inputs.pixelsPerImage,
      kind: "computed",
      binarization,
      note: "One bit per pixel, no model.",
    },
    ...computed(
      "Independent pixels (entropy on the training set)",
      inputs.independentTrainEntropy,
      "Sum of per-pixel binary entropies; measured on the data the probabilities were fitted to.",
      "training",
    ),
    ...computed(
      "Independent pixels (test-set code length)",
      inputs.independentTestCodeLength,
      "Fitted on the training set with KT smoothing, coding the test set.",
      "test",
    ),
    ...computed(
      "Class-conditional independent pixels, label unknown (test)",
      inputs.classConditionalTestMixture,
      "-log2 of the mixture over labels, on the test set.",
      "test",
    ),
    ...computed(
      "Class-conditional independent pixels, label given (test)",
      inputs.classConditionalTestGivenLabel,
      "Code length of an image when the decoder already knows its label.",
      "test",
    ),
    ...(inputs.contextModel
      ? computed(
          `Adaptive context model, ${inputs.contextModel.templateSize}-pixel template`,
          inputs.contextModel.bitsPerImage,
          `Sequential, adaptive (KT) over ${inputs.contextModel.images.toLocaleString("en-US")} training images: a real lossless code.`,
          "training",
        )
      : []),
    ...(inputs.bernoulliMixture
      ? computed(
          `Mixture of ${inputs.bernoulliMixture.components} Bernoullis (EM, test)`,
          inputs.bernoulliMixture.testBitsPerImage,
          `Fitted on ${inputs.bernoulliMixture.trainImages.toLocaleString("en-US")} training images.`,
          "test",
        )
      : []),
    ...stochasticRungs,
    ...PUBLISHED_DENSITY_RESULTS.map((r): LadderRung => ({
      label: r.model,
      bitsPerImage: publishedBits(r),
      kind: "published",
      source: r.citation,
      binarization: r.binarization,
      images: "test",
      ...(r.verified && !r.approximate ? {} : { approximate: true }),
      note: `${r.nats} nats per image on the test set, converted to bits.`,
    })),
    {
      label: "The question's entropy",
      bitsPerImage: SEED_REPORTED_BITS,
      kind: "seed",
      source: "The question",
      note: "See the reproduction: which formula gives it and what it measures.",
    },
    {
      label: `A label: log2 ${classes}`,
      bitsPerImage: Math.log2(classes),
      kind: "computed",
      note: "The most information one label of ten classes can carry.",
    },
    ...(inputs.labelEntropy === undefined
      ? []
      : [
          {
            label: "A label: H(Y) at the training class frequencies",
            bitsPerImage: inputs.labelEntropy,
            kind: "computed" as const,
            note: "Entropy of the training labels' class distribution.",
          },
        ]),
  ];
  return rungs.sort((a, b) => b.bitsPerImage - a.bitsPerImage);
}
