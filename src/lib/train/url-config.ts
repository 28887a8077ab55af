/**
 * The chapter's run configurations as URL query parameters, so a reader can share a run. Every field is checked for
 * type, range and allowed values; anything else is rejected with a message naming the parameter (the page shows
 * the message as text and keeps its defaults).
 */
import { archKey, paramCount, parseArchKey, sizeLadder } from "./arch.ts";
import type { BackendName } from "./backend.ts";

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

const archField: Field<string> = (raw) => {
  let key: string;
  try {
    key = archKey(parseArchKey(raw));
  } catch {
    throw new Error("not a network this page can build");
  }
  if (paramCount(parseArchKey(key)) > MAX_PARAMS) throw new Error(`more than ${MAX_PARAMS} parameters`);
  return key;
};

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
  for (const key of Object.keys(fields) as Array<keyof T & string>) {
    const name = `${prefix}${key}`;
    const raw = params.get(name);
    if (raw === null) continue;
    try {
      config[key] = fields[key](raw.trim());
    } catch (e) {
      // Only the parameter's name goes into the message: the raw value is never echoed back.
      errors.push(`URL parameter '${name}' ignored: ${(e as Error).message}.`);
    }
  }
  return { config, errors };
}

export const NETWORK_PREFIX = "net.";
export const LADDER_PREFIX = "ladder.";
export const MEMORIZE_PREFIX = "mem.";

export function parseNetworkConfig(params: URLSearchParams, defaults: NetworkConfig): Parsed<NetworkConfig> {
  return parseWith(params, NETWORK_PREFIX, defaults, {
    arch: archField,
    seed: intIn(0, 1_000_000),
    epochs: intIn(1, 20),
    batch: intIn(8, 1024),
    lr: numberIn(0.0001, 0.1),
    subset: intIn(100, 60_000),
    backend: oneOf(BACKEND_REQUESTS),
  });
}

export function parseLadderConfig(params: URLSearchParams, defaults: LadderConfig): Parsed<LadderConfig> {
  return parseWith(params, LADDER_PREFIX, defaults, {
    archs: listOf(archField, 20),
    seeds: listOf(intIn(0, 1_000_000), 10),
    subset: intIn(1000, 60_000),
    epochs: intIn(1, 10),
    target: numberIn(10, 100),
    backend: oneOf(BACKEND_REQUESTS),
  });
}

export function parseMemorizeConfig(params: URLSearchParams, defaults: MemorizeConfig): Parsed<MemorizeConfig> {
  return parseWith(params, MEMORIZE_PREFIX, defaults, {
    archs: listOf(archField, 8),
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
