/**
 * An island's settings as one field table: each field's URL key (after the island's prefix, and the name of its form
 * control), its parser with the allowed range, and the config property it fills (the table's own key). The URL reader,
 * the settings form and the job's config all go through it, so a setting has one name and one check everywhere.
 * Problems come back as `{ param, reason }`; how they read is decided where they are shown (settingMessage).
 */
export interface Field<T> {
  /** The URL parameter after the prefix; also the form control's name. */
  key: string;
  /** Throws an Error whose message says what was expected (never echoing the raw value). */
  parse(raw: string): T;
}

export type FieldTable<C> = { readonly [P in keyof C]-?: Field<C[P]> };

export interface SettingError {
  /** The parameter as the reader typed it (prefix included), or several joined with " and ". */
  param: string;
  reason: string;
  /** For the unknown parameters of a prefix (param `prefix*`): how many there were; their names are never quoted. */
  count?: number;
}

export interface Parsed<C> {
  config: C;
  /** One per rejected parameter; the default stood in for it. */
  errors: SettingError[];
}

/** Reads `prefix`-ed parameters through the table; anything rejected keeps its default and is reported. */
export function readSettings<C extends object>(params: URLSearchParams, prefix: string, table: FieldTable<C>, defaults: C): Parsed<C> {
  const config = { ...defaults };
  const errors: SettingError[] = [];
  const props = Object.keys(table) as Array<keyof C & string>;
  for (const prop of props) {
    const field = table[prop];
    const param = `${prefix}${field.key}`;
    const all = params.getAll(param);
    const raw = all[0];
    if (raw === undefined) continue;
    if (all.length > 1) {
      // Which copy wins differs between readers (first here, last in some servers): an ambiguous link runs nothing.
      errors.push({ param, reason: `given ${all.length} times` });
      continue;
    }
    try {
      config[prop] = field.parse(raw.trim());
    } catch (e) {
      errors.push({ param, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  // Names come from the URL too, so unknown ones are counted, not quoted.
  const known = new Set(props.map((p) => `${prefix}${table[p].key}`));
  const unknown = new Set([...params.keys()].filter((k) => k.startsWith(prefix) && !known.has(k)));
  if (unknown.size > 0) {
    errors.push({
      param: `${prefix}*`,
      reason: `this part of the page reads ${[...known].map((k) => `'${k}'`).join(", ")}`,
      count: unknown.size,
    });
  }
  return { config, errors };
}

/** Writes a config under its prefix (lists comma-joined), replacing what was there. */
export function writeSettings<C extends object>(params: URLSearchParams, prefix: string, table: FieldTable<C>, config: C): void {
  for (const prop of Object.keys(table) as Array<keyof C & string>) {
    const value: unknown = config[prop];
    params.set(`${prefix}${table[prop].key}`, Array.isArray(value) ? value.join(",") : String(value));
  }
}

/**
 * How a problem reads in a link ("URL parameter 'net.batch' ignored: …") or in a form ("Setting 'batch' …"); a
 * problem of several parameters together ("URL parameters 'a' and 'b' ignored together: …") and unknown parameters
 * ("An unknown URL parameter starting with 'net.' ignored (…)") read as such.
 */
export function settingMessage(error: SettingError, source: "url" | "form", prefix = ""): string {
  const url = source === "url";
  if (error.param.endsWith("*")) {
    const n = error.count ?? 1;
    const what = url
      ? n === 1
        ? "An unknown URL parameter"
        : `${n} unknown URL parameters`
      : n === 1
        ? "An unknown setting"
        : `${n} unknown settings`;
    return `${what} starting with '${error.param.slice(0, -1)}' ignored (${error.reason}).`;
  }
  const names = error.param.split(" and ").map((p) => (url || !p.startsWith(prefix) ? p : p.slice(prefix.length)));
  if (names.length > 1) return `${url ? "URL parameters" : "Settings"} ${quoteParams(names)} ignored together: ${error.reason}.`;
  return `${url ? "URL parameter" : "Setting"} ${quoteParams(names)} ignored: ${error.reason}.`;
}

function quoteParams(names: readonly string[]): string {
  return names.map((p) => `'${p}'`).join(" and ");
}

export function intIn(min: number, max: number): (raw: string) => number {
  // At least seven digits (leading zeros as before), more where the range needs them (a 32-bit seed has ten).
  const digits = new RegExp(`^\\d{1,${Math.max(7, String(max).length)}}$`);
  return (raw) => {
    const v = Number(raw);
    if (!digits.test(raw) || v < min || v > max) throw new Error(`expected a whole number from ${min} to ${max}`);
    return v;
  };
}

export function numberIn(min: number, max: number): (raw: string) => number {
  return (raw) => {
    if (!/^\d{0,3}(\.\d{1,6})?$/.test(raw) || raw === "" || raw === ".") throw new Error(`expected a number from ${min} to ${max}`);
    const v = Number(raw);
    if (!(v >= min && v <= max)) throw new Error(`expected a number from ${min} to ${max}`);
    return v;
  };
}

export function oneOf<T extends string>(allowed: readonly T[]): (raw: string) => T {
  return (raw) => {
    if (!(allowed as readonly string[]).includes(raw)) throw new Error(`expected one of ${allowed.join(", ")}`);
    return raw as T;
  };
}

/** A comma-separated list of at most `maxItems`, each checked by `item`; repeats are dropped. */
export function listOf<T>(item: (raw: string) => T, maxItems: number): (raw: string) => T[] {
  return (raw) => {
    const parts = raw.split(",");
    if (raw === "" || parts.length > maxItems) throw new Error(`expected 1 to ${maxItems} comma-separated values`);
    const values = parts.map(item);
    return values.filter((v, i) => values.indexOf(v) === i);
  };
}
