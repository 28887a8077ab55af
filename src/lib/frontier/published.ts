/**
 * Published MNIST classifiers at about 99% test accuracy, to set the search's frontier against: their size in bits,
 * their reported test accuracy and how the reported model was chosen, each with its source. Only figures checked in
 * the primary source or in several agreeing copies are here; where the bits are derived (from kilobytes, from a
 * compression ratio, or from a parameter count at 32 bits each) `bitsDerived` says how and the page says "about" or
 * shows the arithmetic. Pure data, no DOM.
 */

/** LeNet-5-Caffe, the network the compression papers start from: 431,080 float32 parameters (about 13.79 Mbit). */
export const LENET5_CAFFE_PARAMS = 431_080;
export const FLOAT32_BITS = 32;

export type PublishedId = "han2016" | "ullrich2017" | "louizos2017" | "joshwarn" | "ruslangrimov" | "bitnetmcu";

export interface Citation {
  /** As they would be cited, e.g. "Han, Mao & Dally". */
  authors: string;
  /** Short form for labels, e.g. "Han et al.". */
  short: string;
  /** Publication year; null for a repository (no release year checked). */
  year: number | null;
  /** Conference, or "GitHub repository". */
  venue: string;
  title: string;
  /** Only for repositories: their GitHub address. */
  url?: string;
}

export interface PublishedResult {
  id: PublishedId;
  /** The table's label. */
  label: string;
  /** The chart's label: short, as a phone's chart has little room (the table says the rest). */
  chartLabel: string;
  citation: Citation;
  /** What the network is, in a few words. */
  network: string;
  /** Parameter count where the source gives one (the compressed LeNet-5s keep fewer non-zero weights than their 431,080). */
  params: number | null;
  /** Size in bits: as the source reports it where `bitsDerived` is null, otherwise as derived from its figures. */
  bits: number;
  /** How the bits were derived, when they are not a file size the source reports; null when they are. */
  bitsDerived: string | null;
  /** The bits are a rounded estimate (from kilobytes or a compression ratio): the page says "about". */
  approximate: boolean;
  /** Another size the sources give for the same result, shown in notes only. */
  alternative?: { bits: number; note: string };
  /** Reported test accuracy, 0..1; null where our checked sources give none (the point is then not drawn). */
  testAccuracy: number | null;
  /** How the reported figure was chosen, as far as it is known here. */
  selection: string;
  /** Anything else a reader comparing with it must know (input size, for one). */
  caveat?: string;
}

/** Bits of a network stored as float32. */
export const float32Bits = (params: number): number => params * FLOAT32_BITS;

const NOT_CHECKED = "not checked here (the paper reports test error)";

export const PUBLISHED: readonly PublishedResult[] = [
  {
    id: "han2016",
    label: "Deep Compression LeNet-5 (Han et al. 2016)",
    chartLabel: "Han et al. 2016",
    citation: {
      authors: "Han, Mao & Dally",
      short: "Han et al.",
      year: 2016,
      venue: "ICLR",
      title: "Deep Compression: Compressing Deep Neural Networks with Pruning, Trained Quantization and Huffman Coding",
    },
    network: "LeNet-5-Caffe pruned, quantized and Huffman-coded (1,720 KB to 44 KB, 39×)",
    params: null,
    bits: 360_000,
    bitsDerived: "44 KB × 8,192 bits per KB ≈ 360 kbits",
    approximate: true,
    testAccuracy: 1 - 0.0074,
    selection: NOT_CHECKED,
  },
  {
    id: "ullrich2017",
    label: "Soft weight-sharing LeNet-5 (Ullrich et al. 2017)",
    chartLabel: "Ullrich et al. 2017",
    citation: {
      authors: "Ullrich, Meeds & Welling",
      short: "Ullrich et al.",
      year: 2017,
      venue: "ICLR",
      title: "Soft Weight-Sharing for Neural Network Compression",
    },
    network: "LeNet-5-Caffe compressed 162×",
    params: null,
    bits: 85_000,
    bitsDerived: "13.79 Mbit ÷ 162 ≈ 85 kbits",
    approximate: true,
    testAccuracy: 1 - 0.0097,
    selection: NOT_CHECKED,
  },
  {
    id: "louizos2017",
    label: "Bayesian compression LeNet-5 (Louizos et al. 2017)",
    chartLabel: "Louizos et al. 2017",
    citation: {
      authors: "Louizos, Ullrich & Welling",
      short: "Louizos et al.",
      year: 2017,
      venue: "NeurIPS",
      title: "Bayesian Compression for Deep Learning",
    },
    network: "LeNet-5-Caffe compressed 419× after precision reduction (the authors' tutorial repository)",
    params: null,
    bits: 33_000,
    bitsDerived: "13.79 Mbit ÷ 419 ≈ 33 kbits",
    approximate: true,
    alternative: { bits: 18_000, note: "771× (about 18 kbits) in the paper's maximum-compression column" },
    testAccuracy: null,
    selection: "not checked here",
    caveat: "its test accuracy is not among the figures checked here, so it is not drawn",
  },
  {
    id: "joshwarn",
    label: "697 parameters, float32 (JoshWarn)",
    chartLabel: "JoshWarn, float32",
    citation: {
      authors: "JoshWarn",
      short: "JoshWarn",
      year: null,
      venue: "GitHub repository",
      title: "Parameter-Efficient-MNIST",
      url: "https://github.com/JoshWarn/Parameter-Efficient-MNIST",
    },
    network: "a 697-parameter network",
    params: 697,
    bits: float32Bits(697),
    bitsDerived: "697 parameters × 32 bits (float32); the repository reports parameters, not a file",
    approximate: false,
    testAccuracy: 0.9903,
    selection: "selected on the test set: the test images served as validation, with early stopping on them, best of many runs",
  },
  {
    id: "ruslangrimov",
    label: "1,936 parameters, float32 (ruslangrimov)",
    chartLabel: "ruslangrimov, float32",
    citation: {
      authors: "ruslangrimov",
      short: "ruslangrimov",
      year: null,
      venue: "GitHub repository",
      title: "mnist-minimal-model (folder 1936/)",
      url: "https://github.com/ruslangrimov/mnist-minimal-model",
    },
    network: "a 1,936-parameter network",
    params: 1_936,
    bits: float32Bits(1_936),
    bitsDerived: "1,936 parameters × 32 bits (float32); the repository reports parameters, not a file",
    approximate: false,
    testAccuracy: 0.991,
    selection: "checkpoint selection not confirmed",
  },
  {
    id: "bitnetmcu",
    label: "BitNetMCU, 16×16 input (cpldcpu)",
    chartLabel: "BitNetMCU, 16×16",
    citation: {
      authors: "cpldcpu",
      short: "cpldcpu",
      year: null,
      venue: "GitHub repository",
      title: "BitNetMCU",
      url: "https://github.com/cpldcpu/BitNetMCU",
    },
    network: "an integer CNN on MNIST downsampled to 16×16",
    params: null,
    bits: 42_880,
    bitsDerived: null,
    approximate: false,
    testAccuracy: 0.9906,
    selection: "configurations compared on the test set",
    caveat: "its input is MNIST downsampled to 16×16 pixels, not the 28×28 images used here",
  },
];

/**
 * The source as the page cites it: "Han, Mao & Dally, “Deep Compression: …”, ICLR 2016", or for a repository
 * "JoshWarn, Parameter-Efficient-MNIST (GitHub repository, https://github.com/…)".
 */
export function citationText(c: Citation): string {
  if (c.year === null) return `${c.authors}, ${c.title} (${c.venue}${c.url === undefined ? "" : `, ${c.url}`})`;
  return `${c.authors}, “${c.title}”, ${c.venue} ${c.year}`;
}
