import { describe, expect, it } from "vitest";
import { dataSizes, fileLabel, loadedText, readableFileNames, sizesText } from "../../src/client/data-sizes.ts";

const FILES = {
  trainImages: { bytes: 9_612_640, decodedBytes: 47_040_016 },
  trainLabels: { bytes: 28_246, decodedBytes: 60_008 },
  testImages: { bytes: 1_598_236, decodedBytes: 7_840_016 },
  testLabels: { bytes: 4_210, decodedBytes: 10_008 },
};
const ALL = dataSizes(FILES);

describe("dataset sizes in words", () => {
  it("sums the download and the decoded size, of all files or the ones named", () => {
    expect(ALL).toEqual({ download: 11_243_332, decoded: 54_950_048 });
    expect(dataSizes(FILES, ["trainLabels"])).toEqual({ download: 28_246, decoded: 60_008 });
  });

  it("says both sizes one way, for buttons and progress", () => {
    expect(sizesText(ALL)).toBe("11.2 MB download, 55.0 MB decoded");
    expect(sizesText(dataSizes(FILES, ["trainLabels"]))).toBe("28.2 kB download, 60.0 kB decoded");
  });

  it("says what a finished load moved: the download, the page's copy, or a body the server compressed in transit", () => {
    expect(loadedText(ALL, 11_243_332, 0)).toBe("11.2 MB downloaded, 55.0 MB decoded");
    expect(loadedText(ALL, 0, 11_243_332)).toBe("nothing downloaded: read from this page's copy, 55.0 MB decoded");
    expect(loadedText(ALL, 9_612_640, 1_630_692)).toBe("9.6 MB downloaded, 55.0 MB decoded (1.6 MB of it from this page's copy)");
    // With Content-Encoding: gzip the browser reports the inflated bytes: never a "55.0 MB download".
    expect(loadedText(ALL, 54_950_048, 0)).toBe("55.0 MB decoded, compressed in transit by the server");
  });

  it("names the served files by what they hold, never by their hashed names", () => {
    expect(fileLabel("train-images-idx3-ubyte.ba891046.gz")).toBe("training images");
    expect(fileLabel("t10k-labels-idx1-ubyte.ff7bcfd4.gz")).toBe("test labels");
    expect(fileLabel("data/t10k-images-idx3-ubyte.0fa7898d.gz")).toBe("test images");
    expect(fileLabel("my-own-idx3-ubyte.gz")).toBe("my-own-idx3-ubyte");
    expect(fileLabel("manifest.json")).toBe("manifest.json");
  });

  it("rewrites hashed names in a loader's message, keeping the published name beside what the file holds", () => {
    expect(readableFileNames("Could not load the dataset: train-images-idx3-ubyte.ba891046.gz: HTTP 500")).toBe(
      "Could not load the dataset: training images (train-images-idx3-ubyte.gz): HTTP 500",
    );
    expect(readableFileNames("t10k-labels-idx1-ubyte.ff7bcfd4.gz and train-labels-idx1-ubyte.65a50cbb.gz")).toBe(
      "test labels (t10k-labels-idx1-ubyte.gz) and training labels (train-labels-idx1-ubyte.gz)",
    );
    expect(readableFileNames("manifest.json: not valid JSON")).toBe("manifest.json: not valid JSON");
    expect(readableFileNames("Downloading MNIST: 45%")).toBe("Downloading MNIST: 45%");
  });
});
