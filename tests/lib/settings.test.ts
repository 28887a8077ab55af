import { describe, expect, it } from "vitest";
import { intIn, listOf, numberIn, oneOf, readSettings, settingMessage, writeSettings, type FieldTable } from "../../src/lib/settings.ts";

interface Config {
  batchSize: number;
  maxLr: number;
  backend: "auto" | "webgl" | "cpu";
  seeds: number[];
}

// Config property, URL key and form name differ here on purpose: the table is the one place that maps them.
const TABLE: FieldTable<Config> = {
  batchSize: { key: "batch", parse: intIn(8, 1024) },
  maxLr: { key: "lr", parse: numberIn(0.0001, 0.1) },
  backend: { key: "backend", parse: oneOf(["auto", "webgl", "cpu"] as const) },
  seeds: { key: "seeds", parse: listOf(intIn(0, 1_000_000), 3) },
};
const DEFAULTS: Config = { batchSize: 64, maxLr: 0.01, backend: "auto", seeds: [1] };

const read = (query: string, prefix = "net.") => readSettings(new URLSearchParams(query), prefix, TABLE, DEFAULTS);
const reasonOf = (parse: (raw: string) => unknown, raw: string): string => {
  try {
    parse(raw);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`'${raw}' was accepted`);
};

describe("parsers", () => {
  it("intIn: whole numbers inside the range, bounds included", () => {
    const p = intIn(8, 1024);
    expect([p("8"), p("1024"), p("0064")]).toEqual([8, 1024, 64]);
    for (const raw of ["7", "1025", "-8", "8.0", "1e2", " 8", "", "0x10", "12345678"]) {
      expect(reasonOf(p, raw)).toBe("expected a whole number from 8 to 1024");
    }
  });

  it("numberIn: plain decimals inside the range", () => {
    const p = numberIn(0.0001, 0.1);
    expect([p("0.0001"), p("0.1"), p(".05"), p("0.003")]).toEqual([0.0001, 0.1, 0.05, 0.003]);
    for (const raw of ["0", "0.2", "1e-3", "-0.01", "", ".", "0.0000001", "Infinity", "NaN", "0,01"]) {
      expect(reasonOf(p, raw)).toBe("expected a number from 0.0001 to 0.1");
    }
    expect(numberIn(10, 100)("100")).toBe(100);
  });

  it("oneOf: exactly one of the names, case included", () => {
    const p = oneOf(["auto", "webgl", "cpu"] as const);
    expect(p("webgl")).toBe("webgl");
    expect(reasonOf(p, "WebGL")).toBe("expected one of auto, webgl, cpu");
    expect(reasonOf(p, "")).toBe("expected one of auto, webgl, cpu");
  });

  it("listOf: comma-separated items through the item parser, repeats dropped, at most maxItems", () => {
    const p = listOf(intIn(0, 9), 3);
    expect(p("3")).toEqual([3]);
    expect(p("3,1,3")).toEqual([3, 1]);
    expect(reasonOf(p, "")).toBe("expected 1 to 3 comma-separated values");
    expect(reasonOf(p, "1,2,3,4")).toBe("expected 1 to 3 comma-separated values");
    expect(reasonOf(p, "1,,2")).toBe("expected a whole number from 0 to 9");
    expect(reasonOf(p, "1,10")).toBe("expected a whole number from 0 to 9");
  });
});

describe("readSettings", () => {
  it("with no parameters: the defaults, no errors, and a copy (the defaults object is not touched)", () => {
    const { config, errors } = read("");
    expect(config).toEqual(DEFAULTS);
    expect(config).not.toBe(DEFAULTS);
    expect(errors).toEqual([]);
  });

  it("fills each config property from its prefixed key, trimming spaces, and ignores other islands' parameters", () => {
    const { config, errors } = read("net.batch=%20128%20&net.lr=0.003&net.backend=cpu&net.seeds=4,2&ladder.batch=9&theme=dark");
    expect(config).toEqual({ batchSize: 128, maxLr: 0.003, backend: "cpu", seeds: [4, 2] });
    expect(errors).toEqual([]);
  });

  it("a rejected value keeps its default and is reported with the parameter as typed, never the raw value", () => {
    const { config, errors } = read("net.batch=4096&net.lr=fast&net.backend=webgl");
    expect(config).toEqual({ ...DEFAULTS, backend: "webgl" });
    expect(errors).toEqual([
      { param: "net.batch", reason: "expected a whole number from 8 to 1024" },
      { param: "net.lr", reason: "expected a number from 0.0001 to 0.1" },
    ]);
  });

  it("a parameter given twice is ambiguous: it keeps its default and is reported", () => {
    const { config, errors } = read("net.batch=128&net.batch=256");
    expect(config.batchSize).toBe(64);
    expect(errors).toEqual([{ param: "net.batch", reason: "given 2 times" }]);
  });

  it("unknown parameters under the prefix are counted, not quoted, and the known ones listed", () => {
    expect(read("net.batchsize=128").errors).toEqual([
      { param: "net.*", reason: "this part of the page reads 'net.batch', 'net.lr', 'net.backend', 'net.seeds'", count: 1 },
    ]);
    const { errors } = read("net.<script>=1&net.x=2&net.x=3&net.batch=32");
    expect(errors).toHaveLength(1);
    expect(errors[0]?.count).toBe(2);
    expect(JSON.stringify(errors)).not.toContain("<script>");
  });
});

describe("writeSettings", () => {
  it("writes every field under the prefix (lists comma-joined), replacing what was there and keeping the rest", () => {
    const params = new URLSearchParams("net.batch=1&net.batch=2&other=keep");
    writeSettings(params, "net.", TABLE, { batchSize: 256, maxLr: 0.05, backend: "cpu", seeds: [3, 1] });
    expect(params.toString()).toBe("net.batch=256&other=keep&net.lr=0.05&net.backend=cpu&net.seeds=3%2C1");
  });

  it("round-trips through readSettings", () => {
    const config: Config = { batchSize: 512, maxLr: 0.0025, backend: "webgl", seeds: [0, 999_999, 7] };
    const params = new URLSearchParams();
    writeSettings(params, "net.", TABLE, config);
    expect(readSettings(params, "net.", TABLE, DEFAULTS)).toEqual({ config, errors: [] });
    const defaults = new URLSearchParams();
    writeSettings(defaults, "net.", TABLE, DEFAULTS);
    expect(readSettings(defaults, "net.", TABLE, { ...DEFAULTS, batchSize: 8 })).toEqual({ config: DEFAULTS, errors: [] });
  });
});

describe("settingMessage", () => {
  const error = { param: "net.batch", reason: "expected a whole number from 8 to 1024" };

  it("in a link, names the URL parameter", () => {
    expect(settingMessage(error, "url", "net.")).toBe("URL parameter 'net.batch' ignored: expected a whole number from 8 to 1024.");
  });

  it("in a form, names the setting without the island's prefix", () => {
    expect(settingMessage(error, "form", "net.")).toBe("Setting 'batch' ignored: expected a whole number from 8 to 1024.");
    expect(settingMessage({ param: "batch", reason: "given 2 times" }, "form")).toBe("Setting 'batch' ignored: given 2 times.");
  });

  it("several parameters rejected together are quoted each and read as together", () => {
    const both = { param: "net.batch and net.lr", reason: "they need more memory than allowed" };
    expect(settingMessage(both, "url", "net.")).toBe(
      "URL parameters 'net.batch' and 'net.lr' ignored together: they need more memory than allowed.",
    );
    expect(settingMessage(both, "form", "net.")).toBe("Settings 'batch' and 'lr' ignored together: they need more memory than allowed.");
  });

  it("unknown parameters read as a count under the prefix, in a link and in a form", () => {
    const [one] = read("net.batchsize=128").errors;
    expect(settingMessage(one!, "url", "net.")).toBe(
      "An unknown URL parameter starting with 'net.' ignored (this part of the page reads 'net.batch', 'net.lr', 'net.backend', 'net.seeds').",
    );
    const [two] = read("net.a=1&net.b=2").errors;
    expect(settingMessage(two!, "url", "net.")).toMatch(/^2 unknown URL parameters starting with 'net\.' ignored \(/);
    expect(settingMessage(two!, "form", "net.")).toMatch(/^2 unknown settings starting with 'net\.' ignored \(/);
  });
});

describe("intIn's digit limit follows its range", () => {
  it("takes a ten-digit 32-bit seed when the range reaches it, and still seven digits for small ranges", () => {
    expect(intIn(0, 0xffffffff)("4294967295")).toBe(4294967295);
    expect(() => intIn(0, 0xffffffff)("4294967296")).toThrow("expected a whole number from 0 to 4294967295");
    expect(() => intIn(0, 0xffffffff)("04294967295")).toThrow("expected a whole number");
    expect(intIn(0, 100)("0000042")).toBe(42);
    expect(() => intIn(0, 100)("00000042")).toThrow("expected a whole number from 0 to 100");
  });
});
