/**
 * The networks a model file can describe, as plain data. A file's header spells its network out in this grammar, so
 * the decoder needs no list of architectures: what is agreed in advance is the grammar and the decoder, nothing else.
 *
 * A network is: convolution blocks (each a full or a depthwise-separable convolution, stride 1, ReLU, then an
 * optional max-pool), then a head that turns the last feature map into a vector (global average pooling, or
 * flattening), then fully connected ReLU layers, then 10 logits. Inputs are 28x28 grey images scaled to [0, 1].
 */

export const SIDE = 28;
export const CLASSES = 10;

/** Limits that a model file's header must respect (so a corrupt header cannot ask for gigabytes); keys too. */
export const LIMITS = { convs: 16, filters: 512, kernel: 9, pool: 4, hidden: 8, units: 4096, params: 2_000_000 } as const;

export type Padding = "valid" | "same";

export interface ConvLayer {
  /** "conv": a full k x k convolution. "sep": a k x k depthwise convolution, then a 1x1 convolution (one bias, one ReLU). */
  kind: "conv" | "sep";
  filters: number;
  kernel: number;
  padding: Padding;
  /** Max-pool window and stride after the ReLU; 1 for none. */
  pool: number;
}

export interface NetSpec {
  convs: readonly ConvLayer[];
  head: "gap" | "flatten";
  hidden: readonly number[];
}

/** One weight tensor of a network, in the order the file stores them and the forward pass reads them. */
export interface TensorSpec {
  name: string;
  /** HWIO for conv kernels, [H, W, C, 1] for depthwise kernels, [in, out] for dense, [n] for biases. */
  shape: number[];
  bias: boolean;
}

export interface Shape3 {
  side: number;
  channels: number;
}

export function convOutput(input: Shape3, layer: ConvLayer): Shape3 {
  const conv = layer.padding === "same" ? input.side : input.side - layer.kernel + 1;
  const side = Math.floor(conv / layer.pool);
  return { side, channels: layer.filters };
}

/** Feature-map shapes after each block; throws if a network would shrink the image away. */
export function featureShapes(spec: NetSpec): Shape3[] {
  let shape: Shape3 = { side: SIDE, channels: 1 };
  return spec.convs.map((layer, i) => {
    shape = convOutput(shape, layer);
    if (shape.side < 1) throw new Error(`layer ${i + 1} shrinks the image below one pixel`);
    return shape;
  });
}

/** Width of the vector the head produces. */
export function headUnits(spec: NetSpec): number {
  const shapes = featureShapes(spec);
  const last = shapes[shapes.length - 1] ?? { side: SIDE, channels: 1 };
  return spec.head === "gap" ? last.channels : last.side * last.side * last.channels;
}

export function tensorSpecs(spec: NetSpec): TensorSpec[] {
  const out: TensorSpec[] = [];
  let channels = 1;
  spec.convs.forEach((layer, i) => {
    const name = `${layer.kind}${i + 1}`;
    if (layer.kind === "sep") {
      out.push({ name: `${name}.depthwise`, shape: [layer.kernel, layer.kernel, channels, 1], bias: false });
      out.push({ name: `${name}.pointwise`, shape: [1, 1, channels, layer.filters], bias: false });
    } else {
      out.push({ name: `${name}.weight`, shape: [layer.kernel, layer.kernel, channels, layer.filters], bias: false });
    }
    out.push({ name: `${name}.bias`, shape: [layer.filters], bias: true });
    channels = layer.filters;
  });
  let units = headUnits(spec);
  [...spec.hidden, CLASSES].forEach((width, i) => {
    out.push({ name: `fc${i + 1}.weight`, shape: [units, width], bias: false });
    out.push({ name: `fc${i + 1}.bias`, shape: [width], bias: true });
    units = width;
  });
  return out;
}

export function tensorSize(t: TensorSpec): number {
  return t.shape.reduce((a, b) => a * b, 1);
}

export function paramCount(spec: NetSpec): number {
  return tensorSpecs(spec).reduce((sum, t) => sum + tensorSize(t), 0);
}

/**
 * A short stable key, e.g. "c6k3p2-c12k3p2-s16k3-gap" or "c10k5p2-c20k5p2-flat-50": c/s for full/separable
 * convolutions, k kernel, p pool, "same" padding marked by a trailing "s" on the kernel (k3s).
 */
export function netKey(spec: NetSpec): string {
  const convs = spec.convs.map(
    (l) => `${l.kind === "sep" ? "s" : "c"}${l.filters}k${l.kernel}${l.padding === "same" ? "s" : ""}${l.pool > 1 ? `p${l.pool}` : ""}`,
  );
  return [...convs, spec.head === "gap" ? "gap" : "flat", ...spec.hidden.map(String)].join("-");
}

/** Inverse of `netKey`; throws on anything it did not produce. */
export function parseNetKey(key: string): NetSpec {
  const bad = () => new Error(`bad network key '${key}'`);
  const parts = key.split("-");
  const convs: ConvLayer[] = [];
  let i = 0;
  for (; i < parts.length; i++) {
    const m = /^([cs])([1-9]\d{0,2})k([1-9])(s?)(?:p([2-9]))?$/.exec(parts[i] ?? "");
    if (m === null) break;
    if (Number(m[2]) > LIMITS.filters || Number(m[5] ?? 1) > LIMITS.pool || convs.length >= LIMITS.convs) throw bad();
    convs.push({
      kind: m[1] === "s" ? "sep" : "conv",
      filters: Number(m[2]),
      kernel: Number(m[3]),
      padding: m[4] === "s" ? "same" : "valid",
      pool: m[5] === undefined ? 1 : Number(m[5]),
    });
  }
  const head = parts[i];
  if (head !== "gap" && head !== "flat") throw bad();
  const hidden = parts.slice(i + 1).map((p) => {
    if (!/^[1-9]\d{0,3}$/.test(p) || Number(p) > LIMITS.units) throw bad();
    return Number(p);
  });
  if (hidden.length > LIMITS.hidden) throw bad();
  const spec: NetSpec = { convs, head: head === "gap" ? "gap" : "flatten", hidden };
  if (spec.head === "gap" && convs.length === 0) throw bad();
  featureShapes(spec);
  if (paramCount(spec) > LIMITS.params) throw bad();
  return spec;
}

/** One line for tables, e.g. "conv 1→6 3×3, pool 2, sep 12→16 3×3, GAP, 16→10". */
export function describeNet(spec: NetSpec): string {
  const parts: string[] = [];
  let channels = 1;
  for (const l of spec.convs) {
    parts.push(
      `${l.kind === "sep" ? "sep" : "conv"} ${channels}→${l.filters} ${l.kernel}×${l.kernel}${l.padding === "same" ? " same" : ""}`,
    );
    if (l.pool > 1) parts.push(`pool ${l.pool}`);
    channels = l.filters;
  }
  parts.push(spec.head === "gap" ? "GAP" : "flatten");
  parts.push([headUnits(spec), ...spec.hidden, CLASSES].join("→"));
  return parts.join(", ");
}
