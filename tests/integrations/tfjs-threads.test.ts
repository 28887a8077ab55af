import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Script } from "node:vm";
import { describe, expect, it } from "vitest";
import { FACTORY_ANCHOR, PTHREAD_ANCHOR, rewriteBackendModule, threadedScripts } from "../../src/integrations/tfjs-threads.ts";

const require = createRequire(import.meta.url);
const backendModule = readFileSync(
  join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist", "backend_wasm.js"),
  "utf8",
);

describe("rewriteBackendModule", () => {
  it("points both of the installed tfjs's blobs at the emitted files, keeping the blobs for the dev server", () => {
    const out = rewriteBackendModule(backendModule);
    expect(out.startsWith('import { factoryUrl as __mbFactoryUrl, pthreadUrl as __mbPthreadUrl } from "virtual:')).toBe(true);
    expect(out).toContain(`${PTHREAD_ANCHOR}\n if (__mbPthreadUrl !== undefined) return __mbPthreadUrl;`);
    expect(out).toContain("factoryConfig.mainScriptUrlOrBlob = __mbFactoryUrl !== undefined ? __mbFactoryUrl : new Blob(");
    // Nothing else changed: removing the three insertions gives the original back.
    const undone = out
      .replace(/^import [^\n]*\n/, "")
      .replace("\n if (__mbPthreadUrl !== undefined) return __mbPthreadUrl;", "")
      .replace("__mbFactoryUrl !== undefined ? __mbFactoryUrl : ", "");
    expect(undone).toBe(backendModule);
  });

  it("fails the build when tfjs's code no longer has an anchor, or has it twice", () => {
    expect(() => rewriteBackendModule(backendModule.replace(FACTORY_ANCHOR, "x"))).toThrow(/found 0; has tfjs changed/);
    expect(() => rewriteBackendModule(`${backendModule}\n${PTHREAD_ANCHOR}`)).toThrow(/found 2/);
  });
});

describe("threadedScripts", () => {
  const { factory, pthread } = threadedScripts();

  it("gives the threaded factory as the package ships it, which defines the global the pthreads call", () => {
    expect(factory.length).toBeGreaterThan(10_000);
    const sandbox: Record<string, unknown> = {};
    new Script(factory).runInNewContext(sandbox);
    expect(typeof sandbox["WasmBackendModuleThreadedSimd"]).toBe("function");
  });

  it("gives a pthread script that parses, with its string literals' line breaks escaped as tfjs escapes them", () => {
    expect(() => new Script(pthread)).not.toThrow();
    // Unescaped, the package's text does not even parse: the escaping is what makes it a script.
    const raw = (
      require(
        join(
          dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")),
          "wasm-out",
          "tfjs-backend-wasm-threaded-simd.worker.js",
        ),
      ) as {
        wasmWorkerContents: string;
      }
    ).wasmWorkerContents;
    expect(() => new Script(raw)).toThrow();
    expect(pthread).toContain("importScripts(e.data.urlOrBlob)");
    expect(pthread).toContain("WasmBackendModuleThreadedSimd(Module)");
  });
});
