/**
 * Loading the HiGHS LP solver (compiled to WebAssembly, npm package `highs`). Loading is asynchronous and compiles about
 * 3.5 MB of wasm, so a caller loads it once and passes the instance to every decision; nothing is cached here.
 */
import type { Highs, InitOptions } from "highs";

/** The part of a loaded HiGHS runtime the separability decision uses; a loaded `highs` instance satisfies it. */
export type LpSolver = Pick<Highs, "raw" | "infinity" | "constants">;

export interface LpSolverInit {
  /**
   * Where `highs.wasm` is served, e.g. a URL the bundler produced with `?url`. In Node it can be left out: the loader
   * reads the file next to its own module.
   */
  wasmUrl?: string;
  /** Already compiled module (skips fetching and compiling; workers can share one across runs). */
  wasmModule?: WebAssembly.Module;
}

export async function loadLpSolver(init: LpSolverInit = {}): Promise<LpSolver> {
  const { default: loadHighs } = await import("highs");
  const options: InitOptions = {};
  const { wasmUrl, wasmModule } = init;
  if (wasmUrl !== undefined) options.locateFile = () => wasmUrl;
  if (wasmModule !== undefined) options.wasmModule = wasmModule;
  return loadHighs(options);
}
