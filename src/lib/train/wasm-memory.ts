/**
 * tfjs-backend-wasm 4.22 takes whatever its `_malloc` returns as a tensor's address. The module is built with a
 * growable heap, so when the browser refuses to grow WebAssembly memory `_malloc` returns 0 (null) instead of
 * aborting, and the backend then writes the tensor over the start of the heap: a run that silently computes garbage
 * rather than failing. A request of 4 GiB or more is worse: `_malloc` takes a 32-bit size, so it silently wraps to a
 * small one. This wraps `_malloc` so both throw a memory error the page can explain.
 */

interface MallocModule {
  _malloc(bytes: number): number;
}

const GUARDED = Symbol.for("mnist-bits.malloc-guard");
/** The most a wasm32 heap can hold (Emscripten's getHeapMax in tfjs-backend-wasm 4.22). */
export const WASM_HEAP_MAX = 4_294_901_760;

export class WasmOutOfMemoryError extends RangeError {
  override name = "RangeError";
  constructor(readonly bytes: number) {
    super(`WebAssembly heap out of memory: could not allocate ${bytes} bytes`);
  }
}

/** Guards a wasm backend (anything with `.wasm._malloc`) once; other backends are left alone. Returns whether it did. */
export function guardWasmMalloc(backend: unknown): boolean {
  const wasm = (backend as { wasm?: Partial<MallocModule> & { [GUARDED]?: true } } | null)?.wasm;
  if (wasm === undefined || typeof wasm._malloc !== "function") return false;
  if (wasm[GUARDED] === true) return true;
  let malloc = wasm._malloc;
  const guarded = (bytes: number): number => {
    if (bytes > WASM_HEAP_MAX) throw new WasmOutOfMemoryError(bytes);
    const address = malloc.call(wasm, bytes);
    if (address === 0 && bytes > 0) throw new WasmOutOfMemoryError(bytes);
    return address;
  };
  // Emscripten's `_malloc` is a stub that replaces itself with the raw export on first call: an accessor keeps
  // the guard in front of whatever it installs.
  Object.defineProperty(wasm, "_malloc", {
    configurable: true,
    enumerable: true,
    get: () => guarded,
    set: (f: (bytes: number) => number) => (malloc = f),
  });
  wasm[GUARDED] = true;
  return true;
}
