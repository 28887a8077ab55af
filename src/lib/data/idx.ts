/**
 * IDX is the container format of the original MNIST files (LeCun et al.):
 * a 4-byte magic number (two zero bytes, a type code, the number of dimensions),
 * then one big-endian uint32 per dimension, then the data. MNIST only uses
 * unsigned bytes (type code 0x08), so that is the only type accepted here.
 */

export const IDX_UBYTE = 0x08;

export class IdxError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = "IdxError";
  }
}

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

export function parseIdx(bytes: Uint8Array, file: string): IdxArray {
  if (bytes.length < 4) {
    throw new IdxError(file, `too short to be an IDX file (${bytes.length} bytes)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(0) !== 0) {
    throw new IdxError(file, `bad magic number 0x${hex32(view.getUint32(0))} (not an IDX file)`);
  }
  const type = bytes[2];
  if (type !== IDX_UBYTE) {
    throw new IdxError(file, `unsupported IDX data type 0x${(type ?? 0).toString(16)} (expected unsigned byte 0x08)`);
  }
  const rank = bytes[3] ?? 0;
  if (rank === 0) throw new IdxError(file, "IDX header declares zero dimensions");
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) {
    throw new IdxError(file, `truncated header: ${rank} dimensions need ${headerBytes} bytes, got ${bytes.length}`);
  }
  const dims: number[] = [];
  let expected = 1;
  for (let i = 0; i < rank; i++) {
    const d = view.getUint32(4 + 4 * i);
    if (d === 0) throw new IdxError(file, `dimension ${i} is zero`);
    dims.push(d);
    expected *= d;
  }
  const actual = bytes.length - headerBytes;
  if (actual < expected) {
    throw new IdxError(file, `truncated: header promises ${expected} data bytes (${dims.join("×")}), found ${actual}`);
  }
  if (actual > expected) {
    throw new IdxError(file, `${actual - expected} unexpected trailing bytes after ${dims.join("×")} data`);
  }
  return { dims, data: bytes.subarray(headerBytes) };
}

export interface ImageSet {
  count: number;
  rows: number;
  cols: number;
  /** count × rows × cols intensities, 0 (background) to 255 (ink), row-major. */
  pixels: Uint8Array;
}

export function parseImages(bytes: Uint8Array, file: string): ImageSet {
  const { dims, data } = parseIdx(bytes, file);
  if (dims.length !== 3) {
    throw new IdxError(file, `expected 3 dimensions (images × rows × cols), got ${dims.length}`);
  }
  const [count, rows, cols] = dims as [number, number, number];
  return { count, rows, cols, pixels: data };
}

export function parseLabels(bytes: Uint8Array, file: string, classes = 10): Uint8Array {
  const { dims, data } = parseIdx(bytes, file);
  if (dims.length !== 1) {
    throw new IdxError(file, `expected 1 dimension (labels), got ${dims.length}`);
  }
  for (let i = 0; i < data.length; i++) {
    if ((data[i] ?? 0) >= classes) {
      throw new IdxError(file, `label ${data[i]} at index ${i} is outside 0..${classes - 1}`);
    }
  }
  return data;
}

/** Builds an IDX buffer; used by tests and by scripts that write derived files. */
export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  const header = 4 + 4 * dims.length;
  const out = new Uint8Array(header + data.length);
  const view = new DataView(out.buffer);
  out[2] = IDX_UBYTE;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  out.set(data, header);
  return out;
}

function hex32(n: number): string {
  return n.toString(16).padStart(8, "0");
}
