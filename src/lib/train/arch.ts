/**
 * Network architectures as plain data, so that a page, a URL, a JSON result file and the engine all speak about
 * the same network, and its parameter count is a property of the description rather than of a built model.
 * Inputs are 28x28 grey images, outputs 10 logits.
 */

export const IMAGE_SIZE = 28;
export const NUM_CLASSES = 10;
const INPUT_UNITS = IMAGE_SIZE * IMAGE_SIZE;

/**
 * A 'valid' (unpadded) stride-1 convolution followed by ReLU and, if `pool` is set, a pool x pool max-pool of
 * stride pool. The 2017 PyTorch example pools before its ReLU; ReLU is monotone, so relu(max(a)) = max(relu(a))
 * and both orders compute the same function and the same gradients.
 */
export interface ConvSpec {
  filters: number;
  kernel: number;
  pool?: number;
}

export type Arch =
  /** Softmax regression: 784 -> 10. */
  | { kind: "logistic" }
  /** Fully connected ReLU layers of the given widths between the 784 pixels and the 10 logits. */
  | { kind: "mlp"; hidden: readonly number[] }
  /** Convolutions, then flatten, then fully connected ReLU layers, then 10 logits. */
  | { kind: "cnn"; convs: readonly ConvSpec[]; hidden: readonly number[] };

export interface LayerParams {
  /** Human-readable, e.g. "conv 1→10 5×5" or "dense 320→50". */
  name: string;
  weights: number;
  biases: number;
}

/** Feature-map side lengths and channels after each conv block, for the flatten size and for labels. */
function convShapes(convs: readonly ConvSpec[]): Array<{ side: number; channels: number }> {
  let side = IMAGE_SIZE;
  let channels = 1;
  return convs.map((c) => {
    side = side - c.kernel + 1;
    if (c.pool !== undefined) side = Math.floor(side / c.pool);
    if (side < 1) throw new Error(`conv stack shrinks the image below 1 pixel`);
    channels = c.filters;
    return { side, channels };
  });
}

/** Parameters layer by layer, computed from the description alone (tests check them against built models). */
export function layerParams(arch: Arch): LayerParams[] {
  const dense = (from: number, to: number): LayerParams => ({ name: `dense ${from}→${to}`, weights: from * to, biases: to });
  const layers: LayerParams[] = [];
  let units = INPUT_UNITS;
  const hidden = arch.kind === "logistic" ? [] : arch.hidden;
  if (arch.kind === "cnn") {
    let inChannels = 1;
    const shapes = convShapes(arch.convs);
    arch.convs.forEach((c) => {
      layers.push({
        name: `conv ${inChannels}→${c.filters} ${c.kernel}×${c.kernel}`,
        weights: c.kernel * c.kernel * inChannels * c.filters,
        biases: c.filters,
      });
      inChannels = c.filters;
    });
    const last = shapes[shapes.length - 1];
    if (last !== undefined) units = last.side * last.side * last.channels;
  }
  for (const h of hidden) {
    layers.push(dense(units, h));
    units = h;
  }
  layers.push(dense(units, NUM_CLASSES));
  return layers;
}

export function paramCount(arch: Arch): number {
  return layerParams(arch).reduce((sum, l) => sum + l.weights + l.biases, 0);
}

/** One line for figures and tables, e.g. "conv 1→10 5×5, pool 2, conv 10→20 5×5, pool 2, 320→50→10". */
export function describeArch(arch: Arch): string {
  if (arch.kind === "logistic") return `logistic regression 784→10`;
  if (arch.kind === "mlp") return `MLP ${[INPUT_UNITS, ...arch.hidden, NUM_CLASSES].join("→")}`;
  const parts: string[] = [];
  let inChannels = 1;
  for (const c of arch.convs) {
    parts.push(`conv ${inChannels}→${c.filters} ${c.kernel}×${c.kernel}`);
    if (c.pool !== undefined) parts.push(`pool ${c.pool}`);
    inChannels = c.filters;
  }
  const shapes = convShapes(arch.convs);
  const last = shapes[shapes.length - 1];
  const flat = last === undefined ? INPUT_UNITS : last.side * last.side * last.channels;
  parts.push([flat, ...arch.hidden, NUM_CLASSES].join("→"));
  return parts.join(", ");
}

/**
 * A short name for tables and prose ("logistic regression", "MLP, 95 hidden", "CNN 10-20, 50 hidden"); describeArch
 * gives the whole architecture. Keys (archKey) stay in URLs and files, never in front of a reader.
 */
export function shortArchName(arch: Arch): string {
  if (arch.kind === "logistic") return "logistic regression";
  if (arch.kind === "mlp") return `MLP, ${arch.hidden.join("-")} hidden`;
  return `CNN ${arch.convs.map((c) => c.filters).join("-")}, ${arch.hidden.join("-")} hidden`;
}

/** A short stable key for URLs, JSON files and caches, e.g. "cnn-10k5p2-20k5p2-50", "mlp-95", "logistic". */
export function archKey(arch: Arch): string {
  if (arch.kind === "logistic") return "logistic";
  if (arch.kind === "mlp") return ["mlp", ...arch.hidden].join("-");
  const convs = arch.convs.map((c) => `${c.filters}k${c.kernel}${c.pool === undefined ? "" : `p${c.pool}`}`);
  return ["cnn", ...convs, ...arch.hidden].join("-");
}

/** Inverse of `archKey`, so a run's network can travel in a URL. Throws on anything it did not produce. */
export function parseArchKey(key: string): Arch {
  const [kind, ...rest] = key.split("-");
  const int = (s: string): number => {
    if (!/^[1-9]\d{0,5}$/.test(s)) throw new Error(`bad architecture key '${key}'`);
    return Number(s);
  };
  if (kind === "logistic" && rest.length === 0) return LOGISTIC;
  if (kind === "mlp" && rest.length > 0) return { kind: "mlp", hidden: rest.map(int) };
  if (kind === "cnn") {
    const convs: ConvSpec[] = [];
    const hidden: number[] = [];
    for (const part of rest) {
      const m = /^(\d+)k(\d+)(?:p(\d+))?$/.exec(part);
      if (m !== null) {
        if (hidden.length > 0) throw new Error(`bad architecture key '${key}'`);
        const spec: ConvSpec = { filters: int(m[1] ?? ""), kernel: int(m[2] ?? "") };
        if (m[3] !== undefined) spec.pool = int(m[3]);
        convs.push(spec);
      } else hidden.push(int(part));
    }
    if (convs.length > 0) {
      convShapes(convs); // throws if the stack shrinks the image away
      return { kind: "cnn", convs, hidden };
    }
  }
  throw new Error(`bad architecture key '${key}'`);
}

export const LOGISTIC: Arch = { kind: "logistic" };

export function mlp(...hidden: number[]): Arch {
  return { kind: "mlp", hidden };
}

/**
 * The network of the PyTorch examples' mnist/main.py from January 2017 to late 2019, the one the seed question
 * cites: 21,840 parameters. Its dropout layers are left out (they hold no parameters; see `buildModel`).
 */
export const PYTORCH_2017_CNN: Arch = {
  kind: "cnn",
  convs: [
    { filters: 10, kernel: 5, pool: 2 },
    { filters: 20, kernel: 5, pool: 2 },
  ],
  hidden: [50],
};

/** The same example since late 2019: conv 1→32 3×3, conv 32→64 3×3, max-pool 2, 9216→128→10 (1,199,882). */
export const PYTORCH_CURRENT_CNN: Arch = {
  kind: "cnn",
  convs: [
    { filters: 32, kernel: 3 },
    { filters: 64, kernel: 3, pool: 2 },
  ],
  hidden: [128],
};

/**
 * The 2017 network scaled by one width w: conv 1→w, conv w→2w, dense 32w→5w→10, so w = 10 is PYTORCH_2017_CNN
 * exactly and the ladder runs through it. Parameters: 210w² + 83w + 10.
 */
export function smallCnn(width: number): Arch {
  return {
    kind: "cnn",
    convs: [
      { filters: width, kernel: 5, pool: 2 },
      { filters: 2 * width, kernel: 5, pool: 2 },
    ],
    hidden: [5 * width],
  };
}

/** Hidden widths for the MLP ladder; 95 is the seed's "95 neurons" (190 bits / 2 bits per neuron). */
export const MLP_LADDER_WIDTHS: readonly number[] = [8, 16, 32, 64, 95, 128, 256, 512];

/** Widths for the CNN ladder, 303 to 55,098 parameters; 10 is the 21,840-parameter network. */
export const CNN_LADDER_WIDTHS: readonly number[] = [1, 2, 3, 4, 6, 10, 16];

/** The whole size ladder, smallest first. */
export function sizeLadder(): Arch[] {
  const archs = [LOGISTIC, ...MLP_LADDER_WIDTHS.map((h) => mlp(h)), ...CNN_LADDER_WIDTHS.map(smallCnn)];
  return archs.sort((a, b) => paramCount(a) - paramCount(b));
}

/** Whether the network takes images as 28x28x1 maps (CNN) or as flat 784-vectors. */
export function takesImages(arch: Arch): boolean {
  return arch.kind === "cnn";
}
