/**
 * Makes TensorFlow.js's multithreaded wasm build run from a minified bundle under the site's CSP.
 *
 * tfjs starts its pthread workers from two `blob:` URLs: one holding the threaded factory's source, rebuilt with
 * `wasmFactoryThreadedSimd.toString()`, the other the pthread worker script. Both break here. Once minified, the
 * factory's text refers to names that lived outside the function (the bundler renamed emscripten's `_scriptDir`), so
 * each pthread dies with "t is not defined"; and `worker-src 'self'` / `script-src 'self'` refuse `blob:` anyway,
 * which leaves the backend waiting for its pool forever. This plugin emits both scripts as ordinary same-origin files
 * with hashed names (the factory exactly as the package ships it, unminified) and points tfjs at their URLs. The CSP
 * stays as strict as it was.
 *
 * The rewrite is anchored on two pieces of tfjs's code; if an update changes them, the build fails rather than
 * shipping a threaded build that cannot start.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Plugin } from "vite";
import { THREAD_SCRIPTS } from "../lib/train/wasm-threads.ts";

const VIRTUAL = "virtual:mnist-bits/tfjs-threaded-files";
const RESOLVED = `\0${VIRTUAL}`;
/** tfjs-backend-wasm's ESM entry for the backend; the only module rewritten. */
const BACKEND_MODULE = /[\\/]@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/;

/** Where tfjs builds the pthread worker's blob (locateFile), and where it builds the factory's blob. */
export const PTHREAD_ANCHOR = "if (path.endsWith('.worker.js')) {";
export const FACTORY_ANCHOR = "factoryConfig.mainScriptUrlOrBlob = new Blob(";

/**
 * backend_wasm.js with both blobs replaced by the emitted files' URLs when the build provides them (the dev server
 * does not, and keeps tfjs's own blobs, which work unminified). Throws when an anchor is missing or repeated.
 */
export function rewriteBackendModule(code: string): string {
  for (const anchor of [PTHREAD_ANCHOR, FACTORY_ANCHOR]) {
    const count = code.split(anchor).length - 1;
    if (count !== 1) {
      throw new Error(`tfjs-threads: expected one "${anchor}" in tfjs-backend-wasm's backend_wasm.js, found ${count}; has tfjs changed?`);
    }
  }
  const imported = `import { factoryUrl as __mbFactoryUrl, pthreadUrl as __mbPthreadUrl } from ${JSON.stringify(VIRTUAL)};\n`;
  return (
    imported +
    code
      .replace(PTHREAD_ANCHOR, `${PTHREAD_ANCHOR}\n if (__mbPthreadUrl !== undefined) return __mbPthreadUrl;`)
      .replace(FACTORY_ANCHOR, "factoryConfig.mainScriptUrlOrBlob = __mbFactoryUrl !== undefined ? __mbFactoryUrl : new Blob(")
  );
}

/** The two scripts' texts, read from the installed package. */
export function threadedScripts(): { factory: string; pthread: string } {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json"));
  const factory = readFileSync(join(packageDir, "wasm-out", "tfjs-backend-wasm-threaded-simd.js"), "utf8");
  const worker = require(join(packageDir, "wasm-out", "tfjs-backend-wasm-threaded-simd.worker.js")) as { wasmWorkerContents?: unknown };
  if (typeof worker.wasmWorkerContents !== "string") throw new Error("tfjs-threads: the package's pthread worker script is missing");
  if (!factory.includes("var WasmBackendModuleThreadedSimd")) throw new Error("tfjs-threads: the threaded factory has changed shape");
  // The package keeps the script in a template literal, which turned its "\n" escapes into real line breaks inside
  // string literals; tfjs escapes them again before making its blob, and so must we.
  return { factory, pthread: worker.wasmWorkerContents.replace(/\n/g, "\\n") };
}

/** For vite.worker.plugins (the site's and the bench page's): the workers are where tfjs runs. */
export function tfjsThreads(): Plugin {
  let serve = false;
  return {
    name: "mnist-bits:tfjs-threads",
    enforce: "pre",
    configResolved(config) {
      serve = config.command === "serve";
    },
    resolveId(source) {
      return source === VIRTUAL ? RESOLVED : null;
    },
    load(id) {
      if (id !== RESOLVED) return null;
      if (serve) return "export const factoryUrl = undefined;\nexport const pthreadUrl = undefined;\n";
      const { factory, pthread } = threadedScripts();
      const factoryRef = this.emitFile({ type: "asset", name: `${THREAD_SCRIPTS.factory}.js`, source: factory });
      const pthreadRef = this.emitFile({ type: "asset", name: `${THREAD_SCRIPTS.pthread}.js`, source: pthread });
      return (
        `export const factoryUrl = import.meta.ROLLUP_FILE_URL_${factoryRef};\n` +
        `export const pthreadUrl = import.meta.ROLLUP_FILE_URL_${pthreadRef};\n`
      );
    },
    transform(code, id) {
      if (!BACKEND_MODULE.test(id.split("?")[0] ?? "")) return null;
      return { code: rewriteBackendModule(code), map: null };
    },
  };
}
