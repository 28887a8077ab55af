import { describe, expect, it } from "vitest";
import { settingMessage, writeSettings, type FieldTable, type Parsed } from "../../../src/lib/settings.ts";
import {
  LADDER_FIELDS,
  MEMORIZE_FIELDS,
  NETWORK_FIELDS,
  parseLadderConfig as parseLadder,
  parseMemorizeConfig as parseMemorize,
  parseNetworkConfig as parseNetwork,
  type LadderConfig,
  type MemorizeConfig,
  type NetworkConfig,
} from "../../../src/lib/train/url-config.ts";

const NET: NetworkConfig = {
  arch: "cnn-10k5p2-20k5p2-50",
  seed: 1,
  epochs: 3,
  batchSize: 128,
  maxLr: 0.01,
  trainSubset: 60000,
  backend: "auto",
};
const LADDER: LadderConfig = { archs: ["logistic", "mlp-8"], seeds: [1, 2], trainSubset: 10000, epochs: 2, target: 97, backend: "auto" };

/** The errors as the page shows them for a shared link. */
function asUrl<C>(parsed: Parsed<C>): { config: C; errors: string[] } {
  return { config: parsed.config, errors: parsed.errors.map((e) => settingMessage(e, "url")) };
}
const parseNetworkConfig = (p: URLSearchParams, d: NetworkConfig) => asUrl(parseNetwork(p, d));
const parseLadderConfig = (p: URLSearchParams, d: LadderConfig) => asUrl(parseLadder(p, d));
const parseMemorizeConfig = (p: URLSearchParams, d: MemorizeConfig) => asUrl(parseMemorize(p, d));
const urlKeys = <C>(table: FieldTable<C>): string[] => Object.values<{ key: string }>(table).map((f) => f.key);

describe("parseNetworkConfig", () => {
  it("keeps the defaults when the URL says nothing", () => {
    expect(parseNetworkConfig(new URLSearchParams(""), NET)).toEqual({ config: NET, errors: [] });
  });

  it("reads valid values and canonicalises the architecture key", () => {
    const p = new URLSearchParams("net.arch=mlp-95&net.seed=7&net.epochs=2&net.batch=64&net.lr=0.005&net.subset=5000&net.backend=wasm");
    expect(parseNetworkConfig(p, NET)).toEqual({
      config: { arch: "mlp-95", seed: 7, epochs: 2, batchSize: 64, maxLr: 0.005, trainSubset: 5000, backend: "wasm" },
      errors: [],
    });
  });

  it("rejects out-of-range, malformed and unknown values with a message naming the parameter, never the value", () => {
    const bad = "<img src=x onerror=alert(1)>";
    const p = new URLSearchParams({
      "net.arch": bad,
      "net.seed": "-1",
      "net.epochs": "0",
      "net.batch": "1e3",
      "net.lr": "5",
      "net.subset": "60001",
      "net.backend": "gpu",
    });
    const { config, errors } = parseNetworkConfig(p, NET);
    expect(config).toEqual(NET);
    expect(errors).toHaveLength(7);
    for (const e of errors) expect(e).not.toContain("<");
    expect(errors[0]).toMatch(/'net\.arch'/);
    expect(errors.join(" ")).toMatch(/'net\.backend' ignored: expected one of auto, webgpu, webgl, wasm, cpu/);
  });

  it("refuses networks above the size limit", () => {
    const { errors } = parseNetworkConfig(new URLSearchParams("net.arch=mlp-4096-4096"), NET);
    expect(errors[0]).toMatch(/more than/);
  });
});

describe("parseLadderConfig and parseMemorizeConfig", () => {
  it("reads lists, dropping duplicates, and round-trips through writeSettings", () => {
    const p = new URLSearchParams("ladder.archs=mlp-95,logistic,mlp-95&ladder.seeds=3,4&ladder.target=98.5");
    const { config, errors } = parseLadderConfig(p, LADDER);
    expect(errors).toEqual([]);
    expect(config).toEqual({ ...LADDER, archs: ["mlp-95", "logistic"], seeds: [3, 4], target: 98.5 });
    const out = new URLSearchParams();
    writeSettings(out, "ladder.", LADDER_FIELDS, config);
    expect(parseLadderConfig(out, LADDER).config).toEqual(config);
  });

  it("rejects empty and over-long lists", () => {
    const p = new URLSearchParams({ "ladder.archs": "", "ladder.seeds": "1,2,3,4,5,6,7,8,9,10,11" });
    expect(parseLadderConfig(p, LADDER).errors).toHaveLength(2);
    const m = parseMemorizeConfig(new URLSearchParams("mem.sizes=5,100"), { archs: ["mlp-8"], sizes: [100], seed: 1, backend: "auto" });
    expect(m.errors[0]).toMatch(/'mem\.sizes'/);
  });
});

describe("hostile and ambiguous URLs", () => {
  const XSS = ["<img src=x onerror=alert(1)>", '"><script>alert(1)</script>', "javascript:alert(1)", "&lt;b&gt;"];
  const MEM: MemorizeConfig = { archs: ["mlp-8"], sizes: [100], seed: 1, backend: "auto" };

  it("rejects markup in every field of every island, and never echoes it", () => {
    for (const bad of XSS) {
      const net = new URLSearchParams(urlKeys(NETWORK_FIELDS).map((k) => [`net.${k}`, bad]));
      const ladder = new URLSearchParams(urlKeys(LADDER_FIELDS).map((k) => [`ladder.${k}`, bad]));
      const mem = new URLSearchParams(urlKeys(MEMORIZE_FIELDS).map((k) => [`mem.${k}`, bad]));
      const results = [parseNetworkConfig(net, NET), parseLadderConfig(ladder, LADDER), parseMemorizeConfig(mem, MEM)];
      expect(results.map((r) => r.config)).toEqual([NET, LADDER, MEM]);
      expect(results.map((r) => r.errors.length)).toEqual([7, 6, 4]);
      for (const e of results.flatMap((r) => r.errors)) {
        expect(e).not.toMatch(/[<>"&]|script|javascript/);
      }
    }
  });

  it("rejects huge, negative, fractional, exponent, NaN, Infinity, hex and non-ASCII digits", () => {
    for (const bad of ["99999999999999999999", "1e309", "-5", "2.5", "1e2", "NaN", "Infinity", "0x10", "１２", "", " ", "+3"]) {
      const { config, errors } = parseNetworkConfig(new URLSearchParams({ "net.epochs": bad, "net.lr": bad }), NET);
      expect(config, bad).toEqual(NET);
      expect(errors, bad).toHaveLength(2);
    }
  });

  it("rejects a parameter given twice instead of picking one copy", () => {
    const { config, errors } = parseNetworkConfig(new URLSearchParams("net.epochs=2&net.epochs=5&net.seed=4"), NET);
    expect(config).toEqual({ ...NET, seed: 4 });
    expect(errors).toEqual(["URL parameter 'net.epochs' ignored: given 2 times."]);
  });

  it("reports unknown parameters of the island's prefix by count, without their names", () => {
    const p = new URLSearchParams("net.epoch=2&net.<img src=x>=1&net.arch=logistic&other=1&ladder.x=2");
    const { config, errors } = parseNetworkConfig(p, NET);
    expect(config.arch).toBe("logistic");
    expect(errors).toEqual([
      "2 unknown URL parameters starting with 'net.' ignored " +
        "(this part of the page reads 'net.arch', 'net.seed', 'net.epochs', 'net.batch', 'net.lr', 'net.subset', 'net.backend').",
    ]);
    expect(parseLadderConfig(p, LADDER).errors).toEqual([
      "An unknown URL parameter starting with 'ladder.' ignored " +
        "(this part of the page reads 'ladder.archs', 'ladder.seeds', 'ladder.subset', 'ladder.epochs', 'ladder.target', 'ladder.backend').",
    ]);
  });

  it("refuses a network whose activations would not fit in memory, naming the size", () => {
    // 12,010 parameters, but 784,000 floats of feature maps per image: 3.2 GB of them at batch 1,024 (about 9 GB with
    // gradients and saved activations), 0.6 GB in all at batch 64.
    const wide = new URLSearchParams("net.arch=cnn-1000k1p28&net.batch=1024&net.seed=9");
    const { config, errors } = parseNetworkConfig(wide, NET);
    expect(config).toEqual({ ...NET, seed: 9 });
    expect(errors).toEqual([
      "URL parameters 'net.arch' and 'net.batch' ignored together: at batch size 1024 this network needs about 9,209 MB " +
        "to train, more than the 1024 MB this page allows; try a smaller network or batch size.",
    ]);
    expect(parseNetworkConfig(new URLSearchParams("net.arch=cnn-1000k1p28&net.batch=64"), NET).errors).toEqual([]);
    expect(parseLadderConfig(new URLSearchParams("ladder.archs=logistic,cnn-1000k1p28"), LADDER).errors[0]).toMatch(
      /^URL parameter 'ladder\.archs' ignored: at batch size 128 this network needs about/,
    );
  });
});

describe("the settings form", () => {
  it("reads problems as settings, without the prefix, pairs together and unknown names by count", () => {
    const { errors } = parseNetwork(new URLSearchParams("arch=cnn-1000k1p28&batch=1024&epochs=0"), NET, "");
    expect(errors.map((e) => settingMessage(e, "form", "net."))).toEqual([
      "Setting 'epochs' ignored: expected a whole number from 1 to 20.",
      "Settings 'arch' and 'batch' ignored together: at batch size 1024 this network needs about 9,209 MB to train, " +
        "more than the 1024 MB this page allows; try a smaller network or batch size.",
    ]);
    const unknown = parseNetwork(new URLSearchParams("net.x=1"), NET).errors[0];
    expect(unknown === undefined ? "" : settingMessage(unknown, "form", "net.")).toMatch(
      /^An unknown setting starting with 'net\.' ignored/,
    );
  });

  it("fills the engine's own config properties from the short URL keys", () => {
    const { config } = parseNetwork(new URLSearchParams("net.batch=64&net.lr=0.002&net.subset=500"), NET);
    expect(config).toEqual({ ...NET, batchSize: 64, maxLr: 0.002, trainSubset: 500 });
  });
});
