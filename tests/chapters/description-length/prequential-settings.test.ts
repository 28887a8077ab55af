import { describe, expect, it } from "vitest";
import { readSettings, settingMessage, writeSettings } from "../../../src/lib/settings.ts";
import {
  ARCH_OPTIONS,
  PREQUENTIAL_DEFAULTS,
  PREQUENTIAL_FIELDS,
  PREQUENTIAL_PREFIX,
  SIZE_OPTIONS,
} from "../../../src/chapters/description-length/prequential-settings.ts";

const read = (query: string) => readSettings(new URLSearchParams(query), PREQUENTIAL_PREFIX, PREQUENTIAL_FIELDS, PREQUENTIAL_DEFAULTS);

describe("the prequential island's settings", () => {
  it("default to the setting the page is built with", () => {
    expect(read("")).toEqual({ config: { arch: "logistic", n: 60_000 }, errors: [] });
  });

  it("read every offered choice, and write back what they read", () => {
    for (const a of ARCH_OPTIONS) {
      for (const s of SIZE_OPTIONS) {
        const { config, errors } = read(`preq.arch=${a.value}&preq.n=${s.value}`);
        expect(errors).toEqual([]);
        const params = new URLSearchParams();
        writeSettings(params, PREQUENTIAL_PREFIX, PREQUENTIAL_FIELDS, config);
        expect(params.toString()).toBe(`preq.arch=${a.value}&preq.n=${s.value}`);
      }
    }
    expect(SIZE_OPTIONS.map((o) => o.label)).toEqual(["first 4,096", "first 16,384", "first 60,000"]);
  });

  it("reject what no reference run exists for, keeping the default, with a message that says what is expected", () => {
    const { config, errors } = read("preq.n=5000&preq.arch=cnn");
    expect(config).toEqual(PREQUENTIAL_DEFAULTS);
    expect(errors.map((e) => settingMessage(e, "url"))).toEqual([
      "URL parameter 'preq.arch' ignored: expected one of logistic, mlp-32.",
      "URL parameter 'preq.n' ignored: expected one of 4096, 16384, 60000.",
    ]);
    expect(read("preq.n=4,096").errors).toHaveLength(1);
    expect(read("preq.n=4096&preq.n=4096").errors[0]?.reason).toBe("given 2 times");
    expect(read("preq.size=1").errors[0]?.param).toBe("preq.*");
  });
});
