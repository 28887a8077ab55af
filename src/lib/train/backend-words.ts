/**
 * The TensorFlow.js backend as a reader reads it: "WebAssembly, SIMD, 1 thread", "WebGL 2 on NVIDIA", "software
 * WebGL (SwiftShader)", never a raw WebGL renderer string such as "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device
 * (Subzero) (0x0000C0DE)), SwiftShader driver)". Pure: no TensorFlow.js, no DOM.
 */
import type { BackendChoice, BackendName } from "./backend.ts";
import { gradientCheckInWords } from "./gradient-compare.ts";

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

/**
 * What a WebGPU adapter says of itself: GPUAdapter.info (Chromium 114 on), whose isFallbackAdapter moved there from the
 * adapter itself (where older browsers keep it). Every field may be missing or empty: browsers mask what they like.
 */
export interface WebGpuAdapterLike {
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

export interface WebGpuAdapterFacts {
  vendor: string;
  architecture: string;
  /** A software adapter (SwiftShader, lavapipe, WARP): what a browser without a usable GPU hands out. */
  fallback: boolean;
  /** The software renderer's name, when the adapter's strings give it. */
  software?: string;
}

/**
 * The facts the page reports and the choice needs. An adapter that names a software renderer counts as a fallback
 * even when the browser does not flag it (older ones have no isFallbackAdapter at all).
 */
export function webGpuAdapterFacts(adapter: WebGpuAdapterLike): WebGpuAdapterFacts {
  const vendor = adapter.info?.vendor ?? "";
  const architecture = adapter.info?.architecture ?? "";
  const strings = [vendor, architecture, adapter.info?.description ?? ""].join(" ");
  const software = SOFTWARE.find(([re]) => re.test(strings))?.[1] ?? (/\bwarp\b/i.test(strings) ? "WARP" : undefined);
  const flagged = adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
  return { vendor, architecture, fallback: flagged || software !== undefined, ...(software === undefined ? {} : { software }) };
}

/** "WebGPU on a software adapter (SwiftShader)", "WebGPU on NVIDIA (ampere)", "WebGPU (the browser does not name the GPU)". */
export function webGpuAdapterInWords(facts: WebGpuAdapterFacts): string {
  if (facts.fallback) return `WebGPU on a software adapter${facts.software === undefined ? "" : ` (${facts.software})`}`;
  const vendor = VENDORS.find(([re]) => re.test(facts.vendor))?.[1] ?? (facts.vendor === "" ? undefined : facts.vendor);
  if (vendor === undefined) return "WebGPU (the browser does not name the GPU)";
  return facts.architecture === "" ? `WebGPU on ${vendor}` : `WebGPU on ${vendor} (${facts.architecture})`;
}

/**
 * Why the automatic choice passes over a software WebGPU adapter, as softwareWebGl (workers/tf-setup.ts) says it of a
 * software WebGL: it computes on the CPU through a GPU's interface, which costs more than WebAssembly doing the sums
 * itself (27 times more for the logistic regression in headless Chromium 156). Asked for by name, it is used.
 */
export function fallbackAdapterReason(facts: WebGpuAdapterFacts): string {
  const name = facts.software === undefined ? "" : ` (${facts.software})`;
  return `this browser's WebGPU adapter is a software fallback${name}, which trains slower than WebAssembly`;
}

/** The backend a run uses, in words: "WebAssembly, SIMD, 1 thread", "WebGL 2 on NVIDIA", "plain JavaScript". */
export function backendInWords(choice: Pick<BackendChoice, "backend" | "detail">): string {
  const name = BACKEND_WORDS[choice.backend];
  if (choice.backend === "wasm") return choice.detail === "" ? name : `${name}, ${choice.detail}`;
  // WebGL's and WebGPU's details are in words already (backend.ts describes them with rendererInWords and
  // webGpuAdapterInWords); cpu's says no more.
  if (choice.backend === "webgl" || choice.backend === "webgpu") return choice.detail === "" ? name : choice.detail;
  return name;
}

/**
 * The training islands' backend line: "Backend: WebAssembly, SIMD, 1 thread; repeatable bit for bit. Passed over:
 * WebGPU: …; WebGL: …." A backend that was timed says so ("fastest of 2 timed on this network: …"), and a GPU one
 * says how far its gradients are from the CPU backend's.
 */
export function backendLine(choice: BackendChoice): string {
  const exact = choice.bitExact ? "repeatable bit for bit" : "not bit-exact between runs";
  const why = choice.why === undefined ? "" : `; ${choice.why}`;
  const gradients = choice.gradientCheck === undefined ? "" : `; ${gradientCheckInWords(choice.gradientCheck)}`;
  const skipped = choice.skipped.map((s) => `${BACKEND_WORDS[s.backend]}: ${s.reason.replace(/\.$/, "")}`);
  return (
    `Backend: ${backendInWords(choice)}; ${exact}${why}${gradients}.` + (skipped.length > 0 ? ` Passed over: ${skipped.join("; ")}.` : "")
  );
}
