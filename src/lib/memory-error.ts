/**
 * Tells "the browser ran out of memory" apart from other failures, from the error alone, so a page can give the one
 * piece of advice that helps (a smaller model or batch) instead of a bare engine message. The patterns are the
 * messages V8, Emscripten (tfjs-backend-wasm) and tfjs-backend-webgl produce; see the unit tests for each.
 */

const MEMORY_PATTERNS: readonly RegExp[] = [
  // V8: an ArrayBuffer (a typed array, a tensor's values, a decoded file) the allocator could not provide.
  /Array buffer allocation failed/i,
  // V8: a buffer longer than the engine allows; in this project only sizes computed from a network reach that far.
  // (A plain "Invalid array length" is left out: a negative length, a bug, reads the same.)
  /Invalid (typed array|array buffer) length/i,
  /Invalid string length/i,
  // V8: WebAssembly memory that cannot grow or be reserved ("Maximum memory size exceeded", "Unable to grow instance
  // memory", "could not allocate memory", "above the upper bound").
  /WebAssembly\.Memory(\.grow)?\(\)/,
  // Emscripten's abort on a failed heap growth, and its older wording.
  /Aborted\(OOM\)|abort\(OOM\)|Cannot enlarge memory arrays/i,
  // Generic wordings: "Out of memory", WebGL's OUT_OF_MEMORY, WebGPU's GPUOutOfMemoryError, our malloc guard.
  /out[ _]?of[ _]?memory/i,
  // tfjs-backend-webgl: a tensor larger than the GPU's biggest texture.
  /greater than WebGL maximum/,
];

/** The error's text as one line, name included when it carries information ("RangeError: …"). */
export function errorLine(e: unknown): string {
  if (e instanceof Error) return e.name && e.name !== "Error" ? `${e.name}: ${e.message}` : e.message;
  return String(e);
}

export function isMemoryError(e: unknown): boolean {
  const text = errorLine(e);
  return MEMORY_PATTERNS.some((p) => p.test(text));
}

/**
 * For a memory error, the sentence a page shows (with the engine's words in brackets, for bug reports); undefined
 * for any other error.
 */
export function memoryErrorMessage(e: unknown): string | undefined {
  if (!isMemoryError(e)) return undefined;
  return (
    `your browser ran out of memory for this run (${errorLine(e)}). ` +
    "Try a smaller network, a smaller batch size or fewer training images, or close other tabs"
  );
}
