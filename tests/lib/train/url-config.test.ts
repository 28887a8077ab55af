import { describe, expect, it } from "vitest";
import {
  parseLadderConfig,
  parseMemorizeConfig,
  parseNetworkConfig,
  writeConfig,
  type LadderConfig,
  type NetworkConfig,
} from "../../../src/lib/train/url-config.ts";

const NET: NetworkConfig = { arch: "cnn-10k5p2-20k5p2-50", seed: 1, epochs: 3, batch: 128, lr: 0.01, subset: 60000, backend: "auto" };
const LADDER: LadderConfig = { archs: ["logistic", "mlp-8"], seeds: [1, 2], subset: 10000, epochs: 2, target: 97, backend: "auto" };

describe("parseNetworkConfig", () => {
  it("keeps the defaults when the URL says nothing", () => {
    expect(parseNetworkConfig(new URLSearchParams(""), NET)).toEqual({ config: NET, errors: [] });
  });

  it("reads valid values and canonicalises the architecture key", () => {
    const p = new URLSearchParams("net.arch=mlp-95&net.seed=7&net.epochs=2&net.batch=64&net.lr=0.005&net.subset=5000&net.backend=wasm");
    expect(parseNetworkConfig(p, NET)).toEqual({
      config: { arch: "mlp-95", seed: 7, epochs: 2, batch: 64, lr: 0.005, subset: 5000, backend: "wasm" },
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
  it("reads lists, dropping duplicates, and round-trips through writeConfig", () => {
    const p = new URLSearchParams("ladder.archs=mlp-95,logistic,mlp-95&ladder.seeds=3,4&ladder.target=98.5");
    const { config, errors } = parseLadderConfig(p, LADDER);
    expect(errors).toEqual([]);
    expect(config).toEqual({ ...LADDER, archs: ["mlp-95", "logistic"], seeds: [3, 4], target: 98.5 });
    const out = new URLSearchParams();
    writeConfig(out, "ladder.", config);
    expect(parseLadderConfig(out, LADDER).config).toEqual(config);
  });

  it("rejects empty and over-long lists", () => {
    const p = new URLSearchParams({ "ladder.archs": "", "ladder.seeds": "1,2,3,4,5,6,7,8,9,10,11" });
    expect(parseLadderConfig(p, LADDER).errors).toHaveLength(2);
    const m = parseMemorizeConfig(new URLSearchParams("mem.sizes=5,100"), { archs: ["mlp-8"], sizes: [100], seed: 1, backend: "auto" });
    expect(m.errors[0]).toMatch(/'mem\.sizes'/);
  });
});
