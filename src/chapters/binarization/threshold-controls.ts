import { describeBinarization, MAX_THRESHOLD, sameBinarization, type Binarization } from "../../lib/stats/binarization.ts";
import { required } from "../../client/dom.ts";
import { saveSettingsToUrl, settingsFromUrl, showSettingErrors } from "../../client/settings.ts";
import {
  BINARIZATION_DEFAULTS,
  BINARIZATION_FIELDS,
  BINARIZATION_PREFIX,
  binarizationFor,
  CONVENTIONS,
  conventionThreshold,
  DEFAULT_BINARIZATION,
  normalizeSetting,
  type BinarizationSetting,
  type Convention,
} from "./stats-settings.ts";

/**
 * Wires the markup of ThresholdControls.astro. Moving the slider or typing a number selects "custom"; picking
 * "any ink" or "half intensity" moves the slider to that convention's threshold, so the two never disagree. The
 * setting starts from the address bar and is written back when the reader changes it, so a reload or a link keeps it.
 */
export class ThresholdControls {
  private readonly range: HTMLInputElement;
  private readonly number: HTMLInputElement;
  private readonly radios: HTMLInputElement[];
  private readonly fieldset: HTMLFieldSetElement;
  private readonly note: HTMLElement;

  constructor(
    root: ParentNode,
    private readonly onChange: (b: Binarization) => void,
  ) {
    this.fieldset = required<HTMLFieldSetElement>(root, "[data-threshold-controls]");
    this.range = required<HTMLInputElement>(this.fieldset, "[data-threshold-range]");
    this.number = required<HTMLInputElement>(this.fieldset, "[data-threshold-number]");
    this.radios = Array.from(this.fieldset.querySelectorAll<HTMLInputElement>("[data-convention]"));
    this.note = required(root, "[data-url-note]");
    this.range.addEventListener("input", () => this.setThreshold(Number(this.range.value)));
    this.number.addEventListener("input", () => {
      const t = Number(this.number.value);
      if (this.number.value !== "" && Number.isInteger(t) && t >= 0 && t <= MAX_THRESHOLD) this.setThreshold(t);
    });
    for (const radio of this.radios) {
      radio.addEventListener("change", () => {
        if (!radio.checked) return;
        const t = conventionThreshold(radio.value as Convention);
        if (t !== undefined) this.syncInputs(t);
        this.emit();
        this.save();
      });
    }
    // "change" comes once a drag ends or a number is committed: the address bar follows without a write per frame.
    this.range.addEventListener("change", () => this.save());
    this.number.addEventListener("change", () => this.save());
    this.restore(root);
  }

  show(): void {
    this.fieldset.hidden = false;
    this.note.hidden = true;
  }

  setting(): BinarizationSetting {
    const value = this.radios.find((r) => r.checked)?.value;
    const convention = CONVENTIONS.find((c) => c === value) ?? BINARIZATION_DEFAULTS.convention;
    const t = Number(this.range.value);
    return { convention, threshold: Number.isInteger(t) ? t : BINARIZATION_DEFAULTS.threshold };
  }

  current(): Binarization {
    const { convention, threshold } = this.setting();
    return binarizationFor(convention, threshold);
  }

  private restore(root: ParentNode): void {
    const { config, errors } = settingsFromUrl(BINARIZATION_PREFIX, BINARIZATION_FIELDS, BINARIZATION_DEFAULTS);
    showSettingErrors(required(root, '[data-url-error="bin"]'), errors, "url");
    this.apply(normalizeSetting(config));
    const b = this.current();
    if (!sameBinarization(b, DEFAULT_BINARIZATION)) {
      this.note.textContent =
        `This link asks for the binarization ${describeBinarization(b)}: the numbers below are the built ones ` +
        `(${describeBinarization(DEFAULT_BINARIZATION)}) until the data is loaded in your browser.`;
      this.note.hidden = false;
    }
  }

  private apply(s: BinarizationSetting): void {
    for (const r of this.radios) r.checked = r.value === s.convention;
    this.syncInputs(s.threshold);
  }

  /** Writes the setting to the address bar (done on every committed change, and before a link to it is copied). */
  save(): void {
    saveSettingsToUrl(BINARIZATION_PREFIX, BINARIZATION_FIELDS, this.setting());
  }

  private setThreshold(t: number): void {
    this.syncInputs(t);
    const custom = this.radios.find((r) => r.value === "custom");
    if (custom) custom.checked = true;
    this.emit();
  }

  private syncInputs(t: number): void {
    this.range.value = String(t);
    if (Number(this.number.value) !== t) this.number.value = String(t);
  }

  private emit(): void {
    this.onChange(this.current());
  }
}
