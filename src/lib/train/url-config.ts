/**
 * The chapter's run configurations as URL query parameters, so a reader can share a run. Every field is checked for
 * type, range and allowed values; anything else is rejected with a message naming the parameter (the page shows
 * the message as text and keeps its defaults). A parameter given twice and a name the island does not know are
 * rejected too, and a network that would need more memory than a browser can spare is refused before it starts.
 */
import { archKey, paramCount, parseArchKey, sizeLadder } from "./arch.ts";
import type { BackendName } from "./backend.ts";
import { MAX_TRAINING_BYTES, trainingBytes } from "./memory.ts";

export type BackendRequest = "auto" | BackendName;
export const BACKEND_REQUESTS: readonly BackendRequest[] = ["auto", "webgpu", "webgl", "wasm", "cpu"];

/** The single-network demo. */
export interface NetworkConfig {
  arch: string;
  seed: number;
  epochs: number;
  batch: number;
  lr: number;
  /** Training images used (the first n). */
  subset: number;
  backend: BackendRequest;
}

export interface LadderConfig {
  archs: string[];
  seeds: number[];
  subset: number;
  epochs: number;
  /** Target test accuracy in percent. */
  target: number;
  backend: BackendRequest;
}

export interface MemorizeConfig {
  archs: string[];
  sizes: number[];
  seed: number;
  backend: BackendRequest;
}

/** Every architecture the page offers: the ladder plus the current PyTorch example (for readers with a GPU). */
export const MAX_PARAMS = 1_300_000;

export interface Parsed<T> {
  config: T;
  /** One message per rejected parameter; the default stood in for it. */
  errors: string[];
}

type Field<T> = (raw: string) => T;

function intIn(min: number, max: number): Field<number> {
  return (raw) => {
    if (!/^\d{1,7}$/.test(raw)) throw new Error(`expected a whole number from ${min} to ${max}`);
    const v = Number(raw);
    if (v < min || v > max) throw new Error(`expected a whole number from ${min} to ${max}`);
    return v;
  };
}

function numberIn(min: number, max: number): Field<number> {
  return (raw) => {
    if (!/^\d{0,3}(\.\d{1,6})?$/.test(raw) || raw === "" || raw === ".") throw new Error(`expected a number from ${min} to ${max}`);
    const v = Number(raw);
    if (!(v >= min && v <= max)) throw new Error(`expected a number from ${min} to ${max}`);
    return v;
  };
}

function oneOf<T extends string>(allowed: readonly T[]): Field<T> {
  return (raw) => {
    if (!(allowed as readonly string[]).includes(raw)) throw new Error(`expected one of ${allowed.join(", ")}`);
    return raw as T;
  };
}

const MB = 1024 * 1024;

function memoryProblem(key: string, batch: number): string | undefined {
  const bytes = trainingBytes(parseArchKey(key), batch);
  if (bytes <= MAX_TRAINING_BYTES) return undefined;
  return (
    `at batch size ${batch} this network needs about ${Math.ceil(bytes / MB).toLocaleString("en-US")} MB to train, ` +
    `more than the ${MAX_TRAINING_BYTES / MB} MB this page allows; try a smaller network or batch size`
  );
}

/** The ladder and memorisation runs train in batches of at most this many images (see sweep.ts). */
const SWEEP_MAX_BATCH = 128;

/** An architecture key; `batch` is the batch size its memory is checked at (the network demo checks its own later). */
function archField(batch: number): Field<string> {
  return (raw) => {
    let key: string;
    try {
      key = archKey(parseArchKey(raw));
    } catch {
      throw new Error("not a network this page can build");
    }
    if (paramCount(parseArchKey(key)) > MAX_PARAMS) throw new Error(`more than ${MAX_PARAMS} parameters`);
    const memory = memoryProblem(key, batch);
    if (memory !== undefined) throw new Error(memory);
    return key;
  };
}

function listOf<T>(item: Field<T>, maxItems: number): Field<T[]> {
  return (raw) => {
    const parts = raw.split(",");
    if (raw === "" || parts.length > maxItems) throw new Error(`expected 1 to ${maxItems} comma-separated values`);
    const values = parts.map(item);
    return values.filter((v, i) => values.indexOf(v) === i);
  };
}

function parseWith<T extends object>(
  params: URLSearchParams,
  prefix: string,
  defaults: T,
  fields: { [K in keyof T]: Field<T[K]> },
): Parsed<T> {
  const config = { ...defaults };
  const errors: string[] = [];
  const known = Object.keys(fields);
  for (const key of known as Array<keyof T & string>) {
    const name = `${prefix}${key}`;
    const all = params.getAll(name);
    const raw = all[0];
    if (raw === undefined) continue;
    if (all.length > 1) {
      // Which copy wins differs between readers (first here, last in some servers): an ambiguous link runs nothing.
      errors.push(`URL parameter '${name}' ignored: given ${all.length} times.`);
      continue;
    }
    try {
      config[key] = fields[key](raw.trim());
    } catch (e) {
      // Only the parameter's name goes into the message: the raw value is never echoed back.
      errors.push(`URL parameter '${name}' ignored: ${(e as Error).message}.`);
    }
  }
  // Names come from the URL too, so unknown ones are counted, not quoted.
  const unknown = new Set([...params.keys()].filter((k) => k.startsWith(prefix) && !known.includes(k.slice(prefix.length))));
  if (unknown.size > 0) {
    errors.push(
      `${unknown.size === 1 ? "An unknown URL parameter" : `${unknown.size} unknown URL parameters`} starting with '${prefix}' ignored ` +
        `(this part of the page reads ${known.map((k) => `'${prefix}${k}'`).join(", ")}).`,
    );
  }
  return { config, errors };
}

export const NETWORK_PREFIX = "net.";
export const LADDER_PREFIX = "ladder.";
export const MEMORIZE_PREFIX = "mem.";

export function parseNetworkConfig(params: URLSearchParams, defaults: NetworkConfig): Parsed<NetworkConfig> {
  const parsed = parseWith(params, NETWORK_PREFIX, defaults, {
    arch: archField(1),
    seed: intIn(0, 1_000_000),
    epochs: intIn(1, 20),
    batch: intIn(8, 1024),
    lr: numberIn(0.0001, 0.1),
    subset: intIn(100, 60_000),
    backend: oneOf(BACKEND_REQUESTS),
  });
  const { config } = parsed;
  const memory = memoryProblem(config.arch, config.batch);
  if (memory !== undefined) {
    parsed.errors.push(`URL parameters '${NETWORK_PREFIX}arch' and '${NETWORK_PREFIX}batch' ignored together: ${memory}.`);
    config.arch = defaults.arch;
    config.batch = defaults.batch;
  }
  return parsed;
}

export function parseLadderConfig(params: URLSearchParams, defaults: LadderConfig): Parsed<LadderConfig> {
  return parseWith(params, LADDER_PREFIX, defaults, {
    archs: listOf(archField(SWEEP_MAX_BATCH), 20),
    seeds: listOf(intIn(0, 1_000_000), 10),
    subset: intIn(1000, 60_000),
    epochs: intIn(1, 10),
    target: numberIn(10, 100),
    backend: oneOf(BACKEND_REQUESTS),
  });
}

export function parseMemorizeConfig(params: URLSearchParams, defaults: MemorizeConfig): Parsed<MemorizeConfig> {
  return parseWith(params, MEMORIZE_PREFIX, defaults, {
    archs: listOf(archField(SWEEP_MAX_BATCH), 8),
    sizes: listOf(intIn(10, 20_000), 8),
    seed: intIn(0, 1_000_000),
    backend: oneOf(BACKEND_REQUESTS),
  });
}

/** Writes a config into `params` under its prefix (arrays comma-joined), replacing what was there. */
export function writeConfig(params: URLSearchParams, prefix: string, config: object): void {
  for (const [key, value] of Object.entries(config)) {
    params.set(`${prefix}${key}`, Array.isArray(value) ? value.join(",") : String(value));
  }
}

/** The ladder's architecture keys, smallest first: what the size-ladder island lists as checkboxes. */
export function ladderKeys(): string[] {
  return sizeLadder().map(archKey);
}
