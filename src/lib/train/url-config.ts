/**
 * The chapter's run configurations as field tables (lib/settings.ts): the same table reads a shared URL, the settings
 * form and fills the job, so a setting has one name from the address bar to the engine. Every field is checked for
 * type, range and allowed values, and a network that would need more memory than a browser can spare is refused
 * before it starts.
 */
import { intIn, listOf, numberIn, oneOf, readSettings, type Field, type FieldTable, type Parsed } from "../settings.ts";
import { archKey, paramCount, parseArchKey, sizeLadder } from "./arch.ts";
import type { BackendName } from "./backend.ts";
import { MAX_TRAINING_BYTES, trainingBytes } from "./memory.ts";
import { LADDER_DEFAULTS, MEMORIZE_DEFAULTS } from "./sweep.ts";

export type BackendRequest = "auto" | BackendName;
export const BACKEND_REQUESTS: readonly BackendRequest[] = ["auto", "webgpu", "webgl", "wasm", "cpu"];

/** The single-network demo; the properties are the engine's own (TrainConfig, NetworkJob). */
export interface NetworkConfig {
  arch: string;
  seed: number;
  epochs: number;
  batchSize: number;
  /** The one-cycle schedule's peak learning rate. */
  maxLr: number;
  /** Training images used (the first n). */
  trainSubset: number;
  backend: BackendRequest;
}

export interface LadderConfig {
  archs: string[];
  seeds: number[];
  trainSubset: number;
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
const SWEEP_MAX_BATCH = Math.max(LADDER_DEFAULTS.batchSize, MEMORIZE_DEFAULTS.batchSize);

/** An architecture key; `batch` is the batch size its memory is checked at (the network demo checks its own later). */
function archField(batch: number): (raw: string) => string {
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

// A setting several demos share is built in one place, so it keeps one URL name and one range in each.

/** An architecture list of the ladder or memorisation runs, checked at the batch size they train with. */
function sweepArchs(maxItems: number): Field<string[]> {
  return { key: "archs", parse: listOf(archField(SWEEP_MAX_BATCH), maxItems) };
}

/** The training images used, the first n of MNIST's 60,000; the lower bound is what a demo still says something with. */
function trainSubsetField(min: number): Field<number> {
  return { key: "subset", parse: intIn(min, 60_000) };
}

const seedValue = intIn(0, 1_000_000);
const seed: Field<number> = { key: "seed", parse: seedValue };
const backend: Field<BackendRequest> = { key: "backend", parse: oneOf(BACKEND_REQUESTS) };

export const NETWORK_PREFIX = "net.";
export const LADDER_PREFIX = "ladder.";
export const MEMORIZE_PREFIX = "mem.";

/** URL keys kept short (and as shared links have always had them): batch, lr, subset. */
export const NETWORK_FIELDS: FieldTable<NetworkConfig> = {
  arch: { key: "arch", parse: archField(1) },
  seed,
  epochs: { key: "epochs", parse: intIn(1, 20) },
  batchSize: { key: "batch", parse: intIn(8, 1024) },
  maxLr: { key: "lr", parse: numberIn(0.0001, 0.1) },
  trainSubset: trainSubsetField(100),
  backend,
};

export const LADDER_FIELDS: FieldTable<LadderConfig> = {
  archs: sweepArchs(20),
  seeds: { key: "seeds", parse: listOf(seedValue, 10) },
  trainSubset: trainSubsetField(1000),
  epochs: { key: "epochs", parse: intIn(1, 10) },
  target: { key: "target", parse: numberIn(10, 100) },
  backend,
};

export const MEMORIZE_FIELDS: FieldTable<MemorizeConfig> = {
  archs: sweepArchs(8),
  sizes: { key: "sizes", parse: listOf(intIn(10, 20_000), 8) },
  seed,
  backend,
};

/**
 * The network demo's one check across fields: its architecture must fit in memory at its batch size. A pair that
 * does not is reported together and both fall back to their defaults.
 */
export function checkNetworkMemory(parsed: Parsed<NetworkConfig>, prefix: string, defaults: NetworkConfig): Parsed<NetworkConfig> {
  const { config } = parsed;
  const memory = memoryProblem(config.arch, config.batchSize);
  if (memory === undefined) return parsed;
  const param = `${prefix}${NETWORK_FIELDS.arch.key} and ${prefix}${NETWORK_FIELDS.batchSize.key}`;
  return {
    config: { ...config, arch: defaults.arch, batchSize: defaults.batchSize },
    errors: [...parsed.errors, { param, reason: memory }],
  };
}

export function parseNetworkConfig(params: URLSearchParams, defaults: NetworkConfig, prefix = NETWORK_PREFIX): Parsed<NetworkConfig> {
  return checkNetworkMemory(readSettings(params, prefix, NETWORK_FIELDS, defaults), prefix, defaults);
}

export function parseLadderConfig(params: URLSearchParams, defaults: LadderConfig, prefix = LADDER_PREFIX): Parsed<LadderConfig> {
  return readSettings(params, prefix, LADDER_FIELDS, defaults);
}

export function parseMemorizeConfig(params: URLSearchParams, defaults: MemorizeConfig, prefix = MEMORIZE_PREFIX): Parsed<MemorizeConfig> {
  return readSettings(params, prefix, MEMORIZE_FIELDS, defaults);
}

/** The ladder's architecture keys, smallest first: what the size-ladder island lists as checkboxes. */
export function ladderKeys(): string[] {
  return sizeLadder().map(archKey);
}
