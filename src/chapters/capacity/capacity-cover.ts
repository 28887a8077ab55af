import { chartWidth } from "../../client/chart-width.ts";
import { lazy } from "../../client/lazy.ts";
import { bindCopyLink } from "../../client/copy-link.ts";
import { required } from "../../client/dom.ts";
import { announce } from "../../client/live.ts";
import { patch } from "../../client/patch.ts";
import { fillSettingsForm, saveSettingsToUrl, settingsFromForm, settingsFromUrl, showSettingErrors } from "../../client/settings.ts";
import { coverCurve } from "../../lib/capacity/cover.ts";
import type { SettingError } from "../../lib/settings.ts";
import { COVER_DEFAULTS, COVER_FIELDS, COVER_PREFIX, CURVE_POINTS, type CoverSettings } from "./capacity-cover-settings.ts";
import { coverHeaders, coverInputs, coverView, liveCoverStatus } from "./cover-view.ts";

const coverChart = lazy(() => import("../../charts/capacity-cover.ts"));

/**
 * Makes Cover's chart live: the reader picks which K to draw, and may add one K of their own, whose exact counts then
 * fill the exact table. Everything here is a few milliseconds of BigInt arithmetic, so it runs on the main thread.
 * The choice lives in the URL (cover.ks, cover.custom), so a reload or a shared link draws the same curves.
 */
class CapacityCoverElement extends HTMLElement {
  private form!: HTMLFormElement;

  connectedCallback(): void {
    this.form = required<HTMLFormElement>(this, "[data-controls]");
    this.form.hidden = false;
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.fromForm();
    });
    this.form.addEventListener("change", (e) => {
      if ((e.target as HTMLInputElement).name === COVER_FIELDS.ks.key) this.fromForm();
    });
    const { config, errors } = settingsFromUrl(COVER_PREFIX, COVER_FIELDS, COVER_DEFAULTS);
    this.showErrors(errors, "url");
    if (new URL(location.href).searchParams.has(`${COVER_PREFIX}${COVER_FIELDS.ks.key}`) || config.custom.length > 0) {
      fillSettingsForm(this.form, COVER_FIELDS, config);
      this.draw(config);
    }
    bindCopyLink(this, () => {
      const { config: form, errors: problems } = settingsFromForm(this.form, COVER_FIELDS, COVER_DEFAULTS);
      this.showErrors(problems, "form");
      if (problems.length > 0) return undefined;
      saveSettingsToUrl(COVER_PREFIX, COVER_FIELDS, form);
      return location.href;
    });
  }

  private fromForm(): void {
    const { config, errors } = settingsFromForm(this.form, COVER_FIELDS, COVER_DEFAULTS);
    this.showErrors(errors, "form");
    if (errors.length > 0) return;
    saveSettingsToUrl(COVER_PREFIX, COVER_FIELDS, config);
    this.draw(config);
  }

  private showErrors(errors: readonly SettingError[], source: "url" | "form"): void {
    showSettingErrors(required(this, "[data-error]"), errors, source, COVER_PREFIX);
  }

  private draw(settings: CoverSettings): void {
    const inputs = coverInputs(settings);
    const started = performance.now();
    const series = inputs.ks.map((k) => ({ k, points: coverCurve(k, { maxPoints: CURVE_POINTS }) }));
    required(this, "[data-headers]").replaceChildren(
      ...coverHeaders(inputs.ks).map((h) => {
        const th = document.createElement("th");
        th.scope = "col";
        th.textContent = h;
        return th;
      }),
    );
    patch(this, coverView(inputs));
    const computeMs = performance.now() - started;
    void coverChart(({ capacityCoverChart }) => {
      const host = required(this, "[data-chart]");
      host.replaceChildren(capacityCoverChart(series, { document, width: chartWidth(host) }));
      this.dataset["ks"] = inputs.ks.join(",");
      this.dataset["state"] = "done";
      const status = liveCoverStatus(inputs, computeMs);
      required(this, "[data-status]").textContent = status;
      announce(this, status);
    });
  }
}

export default CapacityCoverElement;
