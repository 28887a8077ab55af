/**
 * The coin flips a stochastic binarization adds: a pixel of intensity v becomes 1 with probability v/255, so even a
 * model that knew every image's grey values exactly would still pay H_b(v/255) bits for each pixel. Summed over an
 * image and averaged over a set, that is the floor under any code length measured on stochastically binarized images,
 * and the part of such a code length that says nothing about the digits.
 */
import type { ImageSet } from "../data/idx.ts";
import { binaryEntropy } from "./entropy.ts";

/** E over images of sum_i H_b(x_i / 255), in bits per image, from a histogram of the 256 intensities. */
export function stochasticNoiseBits(images: ImageSet): number {
  const counts = new Float64Array(256);
  for (let i = 0; i < images.pixels.length; i++) counts[images.pixels[i]!]!++;
  let bits = 0;
  for (let v = 1; v < 255; v++) bits += counts[v]! * binaryEntropy(v / 255);
  return bits / images.count;
}
