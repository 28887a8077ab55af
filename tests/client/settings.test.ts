import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fillSettingsForm, saveSettingsToUrl, settingsFromForm, settingsFromUrl } from "../../src/client/settings.ts";
import { intIn, listOf, oneOf, settingMessage, type FieldTable } from "../../src/lib/settings.ts";

interface Config {
  batchSize: number;
  archs: string[];
  backend: string;
  convention: string;
}

const TABLE: FieldTable<Config> = {
  batchSize: { key: "batch", parse: intIn(8, 1024) },
  archs: { key: "archs", parse: listOf(oneOf(["mlp-8", "mlp-32", "cnn-s"]), 3) },
  backend: { key: "backend", parse: oneOf(["auto", "cpu"]) },
  convention: { key: "convention", parse: oneOf(["strict", "inclusive"]) },
};
const DEFAULTS: Config = { batchSize: 64, archs: ["mlp-8"], backend: "auto", convention: "strict" };

describe("settings in the address bar", () => {
  let href: string;
  const replaceState = vi.fn((_state: unknown, _title: string, url: URL) => {
    href = url.href;
  });

  beforeEach(() => {
    href = "https://example.org/mnist-bits/training/?net.batch=128&net.archs=cnn-s,mlp-8&theme=dark#run";
    replaceState.mockClear();
    vi.stubGlobal("location", {
      get href() {
        return href;
      },
    });
    vi.stubGlobal("history", { state: { scroll: 3 }, replaceState });
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("reads the island's prefixed parameters", () => {
    expect(settingsFromUrl("net.", TABLE, DEFAULTS)).toEqual({
      config: { ...DEFAULTS, batchSize: 128, archs: ["cnn-s", "mlp-8"] },
      errors: [],
    });
  });

  it("writes them back in place, keeping the page's other parameters, its fragment and its history state", () => {
    saveSettingsToUrl("net.", TABLE, { batchSize: 32, archs: ["mlp-32"], backend: "cpu", convention: "inclusive" });
    expect(replaceState).toHaveBeenCalledTimes(1);
    expect(replaceState.mock.calls[0]?.[0]).toEqual({ scroll: 3 });
    expect(href).toBe(
      "https://example.org/mnist-bits/training/?net.batch=32&net.archs=mlp-32&theme=dark&net.backend=cpu&net.convention=inclusive#run",
    );
    // What was saved is what a reload reads.
    expect(settingsFromUrl("net.", TABLE, DEFAULTS)).toEqual({
      config: { batchSize: 32, archs: ["mlp-32"], backend: "cpu", convention: "inclusive" },
      errors: [],
    });
  });
});

// linkedom has no form.elements, no `checked` property and a read-only select value, so the form is played by the
// few objects settings.ts touches, shaped as a browser's: a group of same-named inputs is a RadioNodeList.
class FakeInput {
  constructor(
    readonly name: string,
    readonly type: string,
    public value: string,
    public checked = false,
  ) {}
}
class FakeSelect {
  constructor(
    readonly name: string,
    public value: string,
  ) {}
}
class FakeRadioNodeList extends Array<FakeInput> {}

function fakeForm(controls: Array<FakeInput | FakeSelect>): HTMLFormElement {
  const named = (name: string) => controls.filter((c) => c.name === name);
  return {
    elements: {
      namedItem(name: string) {
        const all = named(name);
        if (all.length === 0) return null;
        return all.length === 1 ? all[0] : FakeRadioNodeList.from(all as FakeInput[]);
      },
    },
    querySelectorAll(selector: string) {
      const name = /^input\[name="(.+)"\]$/.exec(selector)?.[1];
      if (name === undefined) throw new Error(`unexpected selector ${selector}`);
      return named(name).filter((c) => c instanceof FakeInput);
    },
  } as unknown as HTMLFormElement;
}

describe("settings in a form", () => {
  let batch: FakeInput;
  let archs: FakeInput[];
  let backend: FakeSelect;
  let conventions: FakeInput[];
  let form: HTMLFormElement;

  beforeEach(() => {
    vi.stubGlobal("HTMLInputElement", FakeInput);
    vi.stubGlobal("HTMLSelectElement", FakeSelect);
    vi.stubGlobal("RadioNodeList", FakeRadioNodeList);
    batch = new FakeInput("batch", "number", "256");
    archs = ["mlp-8", "mlp-32", "cnn-s"].map((a, i) => new FakeInput("archs", "checkbox", a, i !== 1));
    backend = new FakeSelect("backend", "cpu");
    conventions = ["strict", "inclusive"].map((c, i) => new FakeInput("convention", "radio", c, i === 1));
    form = fakeForm([batch, ...archs, backend, ...conventions]);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("reads each control by its key: a number, the checked boxes as a list, a select, the checked radio", () => {
    expect(settingsFromForm(form, TABLE, DEFAULTS)).toEqual({
      config: { batchSize: 256, archs: ["mlp-8", "cnn-s"], backend: "cpu", convention: "inclusive" },
      errors: [],
    });
  });

  it("a control the form lacks keeps its default", () => {
    const partial = fakeForm([batch]);
    expect(settingsFromForm(partial, TABLE, DEFAULTS)).toEqual({ config: { ...DEFAULTS, batchSize: 256 }, errors: [] });
  });

  it("rejected entries keep their defaults and read as settings, not URL parameters", () => {
    batch.value = "4";
    for (const box of archs) box.checked = false;
    for (const radio of conventions) radio.checked = false;
    const { config, errors } = settingsFromForm(form, TABLE, DEFAULTS);
    expect(config).toEqual({ ...DEFAULTS, backend: "cpu" });
    expect(errors.map((e) => settingMessage(e, "form"))).toEqual([
      "Setting 'batch' ignored: expected a whole number from 8 to 1024.",
      "Setting 'archs' ignored: expected 1 to 3 comma-separated values.",
      "Setting 'convention' ignored: expected one of strict, inclusive.",
    ]);
  });

  it("fillSettingsForm puts a config into the same controls, and the form reads it back", () => {
    const config: Config = { batchSize: 16, archs: ["mlp-32"], backend: "auto", convention: "strict" };
    fillSettingsForm(form, TABLE, config);
    expect(batch.value).toBe("16");
    expect(archs.map((b) => b.checked)).toEqual([false, true, false]);
    expect(backend.value).toBe("auto");
    expect(conventions.map((r) => r.checked)).toEqual([true, false]);
    expect(settingsFromForm(form, TABLE, DEFAULTS)).toEqual({ config, errors: [] });
  });
});
