import { describe, expect, it } from "vitest";
import { IdxError, encodeIdx, parseIdx, parseImages, parseLabels } from "../../../src/lib/data/idx.ts";

/** Hand-built IDX bytes: magic 00 00 08 <rank>, then big-endian dims, then data. */
function handBuilt(dims: number[], data: number[]): Uint8Array {
  const header = [0, 0, 8, dims.length];
  for (const d of dims) header.push((d >>> 24) & 255, (d >>> 16) & 255, (d >>> 8) & 255, d & 255);
  return Uint8Array.from([...header, ...data]);
}

describe("parseIdx", () => {
  it("reads a hand-built 2×2×3 image file", () => {
    const bytes = handBuilt([2, 2, 3], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255]);
    const images = parseImages(bytes, "tiny");
    expect(images).toMatchObject({ count: 2, rows: 2, cols: 3 });
    expect([...images.pixels]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255]);
  });

  it("round-trips through encodeIdx", () => {
    const data = Uint8Array.from([3, 1, 4, 1, 5]);
    expect(encodeIdx([5], data)).toEqual(handBuilt([5], [...data]));
    expect([...parseLabels(encodeIdx([5], data), "labels")]).toEqual([3, 1, 4, 1, 5]);
  });

  it("rejects a wrong magic number, naming the file", () => {
    const bytes = handBuilt([1], [0]);
    bytes[0] = 0x1f;
    expect(() => parseIdx(bytes, "train-labels")).toThrow(IdxError);
    expect(() => parseIdx(bytes, "train-labels")).toThrow(/^train-labels: bad magic number/);
  });

  it("rejects a non-byte data type", () => {
    const bytes = handBuilt([1], [0]);
    bytes[2] = 0x0d; // float
    expect(() => parseIdx(bytes, "f")).toThrow(/unsupported IDX data type 0xd/);
  });

  it("rejects truncated data and truncated headers", () => {
    expect(() => parseIdx(handBuilt([2, 2, 2], [1, 2, 3]), "short")).toThrow(
      /short: truncated: header promises 8 data bytes \(2×2×2\), found 3/,
    );
    expect(() => parseIdx(Uint8Array.from([0, 0, 8, 3, 0, 0]), "hdr")).toThrow(/hdr: truncated header/);
    expect(() => parseIdx(Uint8Array.from([0, 0]), "tiny")).toThrow(/too short/);
  });

  it("rejects trailing bytes and zero dimensions", () => {
    expect(() => parseIdx(handBuilt([2], [1, 2, 3]), "long")).toThrow(/1 unexpected trailing bytes/);
    expect(() => parseIdx(handBuilt([0], []), "zero")).toThrow(/dimension 0 is zero/);
  });

  it("checks the number of dimensions for images and labels", () => {
    expect(() => parseImages(handBuilt([4], [1, 2, 3, 4]), "img")).toThrow(/img: expected 3 dimensions/);
    expect(() => parseLabels(handBuilt([2, 2], [1, 2, 3, 4]), "lab")).toThrow(/lab: expected 1 dimension/);
  });

  it("rejects labels outside 0..9", () => {
    expect(() => parseLabels(handBuilt([3], [1, 10, 2]), "lab")).toThrow(/label 10 at index 1/);
  });
});
