import { PNG } from "pngjs";
import type { GrayImage } from "./tile.ts";

/** Build-time only: a data URI for a grey image, so pages show digits without JavaScript. */
export function grayPngDataUri(img: GrayImage): string {
  const png = new PNG({ width: img.width, height: img.height, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  png.data = Buffer.from(img.gray);
  return `data:image/png;base64,${PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false }).toString("base64")}`;
}
