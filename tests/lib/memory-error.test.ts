import { describe, expect, it } from "vitest";
import { errorLine, isMemoryError, memoryErrorMessage } from "../../src/lib/memory-error.ts";

/** Runs `f` and returns what it threw: the engine's own error, not a copy of its message. */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
}

describe("isMemoryError", () => {
  // Produced live by this V8 (Node's engine is Chromium's), so a change of wording shows up here.
  it("recognises V8's own allocation and size errors", () => {
    const errors = [
      thrown(() => new ArrayBuffer(2 ** 40)), // RangeError: Array buffer allocation failed
      thrown(() => new Float32Array(2 ** 40)), // RangeError: Invalid typed array length: 1099511627776
      thrown(() => new ArrayBuffer(2 ** 53)), // RangeError: Invalid array buffer length
      thrown(() => new WebAssembly.Memory({ initial: 65537 })), // … 'initial': value 65537 is above the upper bound 65536
      thrown(() => new WebAssembly.Memory({ initial: 1, maximum: 2 }).grow(5)), // Maximum memory size exceeded
      thrown(() => new WebAssembly.Memory({ initial: 1 }).grow(70_000)), // Unable to grow instance memory
    ];
    for (const e of errors) {
      expect(e).toBeInstanceOf(RangeError);
      expect(isMemoryError(e), errorLine(e)).toBe(true);
    }
  });

  it("recognises tfjs-backend-wasm's, tfjs-backend-webgl's and Chromium's wordings", () => {
    const messages = [
      // Emscripten's abort() as built into tfjs-backend-wasm 4.22 (a WebAssembly.RuntimeError).
      "Aborted(OOM). Build with -sASSERTIONS for more info.",
      "abort(OOM). Build with -s ASSERTIONS=1 for more info.",
      "Cannot enlarge memory arrays to size 2147549184 bytes (OOM).",
      "WebAssembly.Memory(): could not allocate memory",
      "WebGL Error: OUT_OF_MEMORY",
      "Requested texture size [32768x2] greater than WebGL maximum on this browser / GPU [16384x16384].",
      "Out of memory",
      "WebAssembly heap out of memory: could not allocate 4096 bytes",
    ];
    for (const m of messages) expect(isMemoryError(new Error(m)), m).toBe(true);
    expect(isMemoryError("Aborted(OOM)")).toBe(true);
  });

  it("leaves other failures alone", () => {
    const others = [
      thrown(() => (null as unknown as { x: number }).x),
      thrown(() => new Array<number>(-1)), // RangeError: Invalid array length (a bug, not a lack of memory)
      new WebAssembly.RuntimeError("memory access out of bounds"),
      new Error("HTTP 404 for train-images-idx3-ubyte.gz"),
      new Error("the training images do not match the manifest (SHA-256 differs)"),
      new DOMException("The operation was aborted.", "AbortError"),
      "injected failure",
    ];
    expect(errorLine(others[1])).toBe("RangeError: Invalid array length");
    for (const e of others) expect(isMemoryError(e), errorLine(e)).toBe(false);
  });
});

describe("memoryErrorMessage", () => {
  it("gives advice with the engine's words in brackets, and nothing for other errors", () => {
    expect(memoryErrorMessage(thrown(() => new ArrayBuffer(2 ** 40)))).toBe(
      "your browser ran out of memory for this run (RangeError: Array buffer allocation failed). " +
        "Try a smaller network, a smaller batch size or fewer training images, or close other tabs",
    );
    expect(memoryErrorMessage(new Error("HTTP 404"))).toBeUndefined();
  });
});
