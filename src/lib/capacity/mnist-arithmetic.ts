/**
 * The capacity argument applied to MNIST: how many bits an arbitrary labelling of the training set carries, how many
 * weights would memorise it at MacKay's 2 bits per weight, and the seed question's own arithmetic beside it.
 * Parameter counts of real networks are inputs here (the training engine owns them); so is the seed's 191 bits
 * (computed by the pixel-statistics module).
 */
import { CLASSES, classCounts } from "../data/mnist.ts";
import { labelEntropy } from "../stats/labels.ts";

/**
 * MacKay (2003), ch. 40, p. 490: for large K a linear threshold unit memorises about N = 2K random binary labels,
 * i.e. 2 bits per weight. Per weight, not per neuron.
 */
export const MACKAY_BITS_PER_WEIGHT = 2;

/** What the seed question divided by: it read MacKay as 2 bits per neuron. */
export const SEED_BITS_PER_NEURON = 2;

export interface LabellingBits {
  /** Number of labelled images N. */
  count: number;
  classes: number;
  classCounts: number[];
  /** log2(classes): one label chosen uniformly at random. */
  uniformBitsPerLabel: number;
  /** N log2(classes): an arbitrary labelling, every one of the classes^N equally likely. */
  uniformBits: number;
  /** H(Y) of the empirical class frequencies. */
  entropyBitsPerLabel: number;
  /** N H(Y): labels drawn independently with the observed class frequencies (the frequencies themselves are free). */
  entropyBits: number;
}

export function labellingSummary(labels: Uint8Array, classes = CLASSES): LabellingBits {
  if (labels.length === 0) throw new RangeError("labellingSummary: no labels");
  const counts = classCounts(labels, classes);
  const uniformBitsPerLabel = Math.log2(classes);
  const entropyBitsPerLabel = labelEntropy(counts);
  return {
    count: labels.length,
    classes,
    classCounts: counts,
    uniformBitsPerLabel,
    uniformBits: labels.length * uniformBitsPerLabel,
    entropyBitsPerLabel,
    entropyBits: labels.length * entropyBitsPerLabel,
  };
}

/** Weights needed to memorise `bits` of arbitrary labels by the capacity argument (bits / bits-per-weight). */
export function weightsToMemorize(bits: number, bitsPerWeight = MACKAY_BITS_PER_WEIGHT): number {
  if (!(bits >= 0) || !(bitsPerWeight > 0)) throw new RangeError(`weightsToMemorize(${bits}, ${bitsPerWeight})`);
  return bits / bitsPerWeight;
}

export interface SeedArithmetic {
  /** The seed's entropy figure (bits), as computed by the pixel-statistics module. */
  bits: number;
  bitsPerNeuron: number;
  /** bits / bitsPerNeuron before rounding. */
  quotient: number;
  /** Whole neurons, rounded down as the seed did (191 / 2 -> 95). */
  neurons: number;
}

export function seedArithmetic(seedBits: number, bitsPerNeuron = SEED_BITS_PER_NEURON): SeedArithmetic {
  const quotient = weightsToMemorize(seedBits, bitsPerNeuron);
  return { bits: seedBits, bitsPerNeuron, quotient, neurons: Math.floor(quotient) };
}

export interface ModelSize {
  name: string;
  /** Trainable parameters, from the training engine. */
  parameters: number;
}

export interface ModelCapacity extends ModelSize {
  /** parameters x 2 bits: what the single-neuron argument, stretched to a whole network, would let it memorise. */
  capacityBits: number;
  /** capacityBits / the bits of an arbitrary labelling: below 1, the model cannot have memorised arbitrary labels. */
  shareOfLabelling: number;
}

export interface CapacityArithmetic {
  seed: SeedArithmetic;
  labelling: LabellingBits;
  /** Weights that memorising an arbitrary labelling (uniformBits) would need at 2 bits per weight. */
  weightsForArbitraryLabels: number;
  /** The same for labels drawn with the observed class frequencies (entropyBits). */
  weightsForEntropyLabels: number;
  models: ModelCapacity[];
}

/** The seed's arithmetic and the corrected one side by side, from the real training labels. */
export function capacityArithmetic(trainingLabels: Uint8Array, seedBits: number, models: readonly ModelSize[] = []): CapacityArithmetic {
  const labelling = labellingSummary(trainingLabels);
  return {
    seed: seedArithmetic(seedBits),
    labelling,
    weightsForArbitraryLabels: weightsToMemorize(labelling.uniformBits),
    weightsForEntropyLabels: weightsToMemorize(labelling.entropyBits),
    models: models.map((model) => {
      const capacityBits = model.parameters * MACKAY_BITS_PER_WEIGHT;
      return { ...model, capacityBits, shareOfLabelling: capacityBits / labelling.uniformBits };
    }),
  };
}
