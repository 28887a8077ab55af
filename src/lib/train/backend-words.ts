/**
 * The TensorFlow.js backend as a reader reads it: "WebAssembly, SIMD, 1 thread", "WebGL 2 on NVIDIA", "software
 * WebGL (SwiftShader)", never a raw WebGL renderer string such as "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device
 * (Subzero) (0x0000C0DE)), SwiftShader driver)". Pure: no TensorFlow.js, no DOM.
 */
import type { BackendChoice, BackendName } from "./backend.ts";

/** Each backend's name in words. */
export const BACKEND_WORDS: Readonly<Record<BackendName, string>> = {
  webgpu: "WebGPU",
  webgl: "WebGL",
  wasm: "WebAssembly",
  cpu: "plain JavaScript",
};

/** Renderers that draw on the CPU, by the name a reader may look up. */
const SOFTWARE: ReadonlyArray<[RegExp, string]> = [
  [/swiftshader/i, "SwiftShader"],
  [/llvmpipe/i, "llvmpipe"],
  [/softpipe/i, "softpipe"],
  [/lavapipe/i, "lavapipe"],
  [/microsoft basic render/i, "Microsoft Basic Render Driver"],
];

/** GPU makers, by the words their renderer strings use. */
const VENDORS: ReadonlyArray<[RegExp, string]> = [
  [/nvidia|geforce|quadro|tesla|rtx/i, "NVIDIA"],
  [/\bamd\b|radeon|\bati\b/i, "AMD"],
  [/intel/i, "Intel"],
  [/apple/i, "Apple"],
  [/qualcomm|adreno/i, "Qualcomm"],
  [/\barm\b|mali/i, "Arm"],
  [/imagination|powervr/i, "Imagination"],
  [/vivante/i, "Vivante"],
];

/** Whether a WebGL renderer string names a renderer that draws in software. */
export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE.some(([re]) => re.test(renderer)) || /\bsoftware\b/i.test(renderer);
}

/**
 * A WebGL renderer string in words: "software WebGL 2 (SwiftShader)", "WebGL 2 on NVIDIA", or "WebGL 2 (the browser
 * does not name the GPU)" for a masked one. `version` is WebGL's (1 or 2), left out when unknown.
 */
export function rendererInWords(renderer: string, version?: number): string {
  const webgl = version === undefined ? "WebGL" : `WebGL ${version}`;
  const software = SOFTWARE.find(([re]) => re.test(renderer));
  if (software !== undefined) return `software ${webgl} (${software[1]})`;
  if (/\bsoftware\b/i.test(renderer)) return `software ${webgl}`;
  const vendor = VENDORS.find(([re]) => re.test(renderer));
  if (vendor !== undefined) return `${webgl} on ${vendor[1]}`;
  return `${webgl} (the browser does not name the GPU)`;
}

/** The backend a run uses, in words: "WebAssembly, SIMD, 1 thread", "WebGL 2 on NVIDIA", "plain JavaScript". */
export function backendInWords(choice: Pick<BackendChoice, "backend" | "detail">): string {
  const name = BACKEND_WORDS[choice.backend];
  if (choice.backend === "wasm") return choice.detail === "" ? name : `${name}, ${choice.detail}`;
  // WebGL's detail is in words already (backend.ts describes it with rendererInWords); cpu's and WebGPU's say no more.
  if (choice.backend === "webgl") return choice.detail === "" ? name : choice.detail;
  return name;
}

/**
 * The training islands' backend line: "Backend: WebAssembly, SIMD, 1 thread; repeatable bit for bit. Passed over:
 * WebGPU: …; WebGL: …."
 */
export function backendLine(choice: BackendChoice): string {
  const exact = choice.bitExact ? "repeatable bit for bit" : "not bit-exact between runs";
  const skipped = choice.skipped.map((s) => `${BACKEND_WORDS[s.backend]}: ${s.reason.replace(/\.$/, "")}`);
  return `Backend: ${backendInWords(choice)}; ${exact}.` + (skipped.length > 0 ? ` Passed over: ${skipped.join("; ")}.` : "");
}
