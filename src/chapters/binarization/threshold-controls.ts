import type { Binarization } from "../../lib/stats/binarization.ts";
import { required } from "../../client/dom.ts";
import { binarizationFor, DEFAULT_THRESHOLD, type Convention } from "./stats-settings.ts";

/**
 * Wires the markup of ThresholdControls.astro. Moving the slider or typing a number selects "custom"; picking
 * "any ink" or "half intensity" moves the slider to that convention's threshold, so the two never disagree.
 */
export class ThresholdControls {
  private readonly range: HTMLInputElement;
  private readonly number: HTMLInputElement;
  private readonly radios: HTMLInputElement[];
  private readonly fieldset: HTMLFieldSetElement;

  constructor(
    root: ParentNode,
    private readonly onChange: (b: Binarization) => void,
  ) {
    this.fieldset = required<HTMLFieldSetElement>(root, "[data-threshold-controls]");
    this.range = required<HTMLInputElement>(this.fieldset, "[data-threshold-range]");
    this.number = required<HTMLInputElement>(this.fieldset, "[data-threshold-number]");
    this.radios = Array.from(this.fieldset.querySelectorAll<HTMLInputElement>("[data-convention]"));
    this.range.addEventListener("input", () => this.setThreshold(Number(this.range.value)));
    this.number.addEventListener("input", () => {
      const t = Number(this.number.value);
      if (this.number.value !== "" && Number.isInteger(t) && t >= 0 && t <= 254) this.setThreshold(t);
    });
    for (const radio of this.radios) {
      radio.addEventListener("change", () => {
        if (!radio.checked) return;
        const c = radio.value as Convention;
        if (c === "any-ink") this.syncInputs(0);
        if (c === "half") this.syncInputs(127);
        this.emit();
      });
    }
  }

  show(): void {
    this.fieldset.hidden = false;
  }

  convention(): Convention {
    return (this.radios.find((r) => r.checked)?.value ?? "half") as Convention;
  }

  current(): Binarization {
    const t = Number(this.range.value);
    return binarizationFor(this.convention(), Number.isInteger(t) ? t : DEFAULT_THRESHOLD);
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
