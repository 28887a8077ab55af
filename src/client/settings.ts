import { readSettings, settingMessage, writeSettings, type FieldTable, type Parsed, type SettingError } from "../lib/settings.ts";

/** An island's settings from the address bar. */
export function settingsFromUrl<C extends object>(prefix: string, table: FieldTable<C>, defaults: C): Parsed<C> {
  return readSettings(new URL(location.href).searchParams, prefix, table, defaults);
}

/** Replaces this island's parameters in the address bar, so a reload or a shared link restores them. */
export function saveSettingsToUrl<C extends object>(prefix: string, table: FieldTable<C>, config: C): void {
  const url = new URL(location.href);
  writeSettings(url.searchParams, prefix, table, config);
  history.replaceState(history.state, "", url);
}

/**
 * Reads a settings form through the same table as the URL: each field's control is named by its key; several
 * checkboxes of one name make a comma-separated list of the checked ones.
 */
export function settingsFromForm<C extends object>(form: HTMLFormElement, table: FieldTable<C>, defaults: C): Parsed<C> {
  const params = new URLSearchParams();
  for (const prop of Object.keys(table) as Array<keyof C & string>) {
    const key = table[prop].key;
    const control = form.elements.namedItem(key);
    if (control === null) continue;
    if (control instanceof RadioNodeList || (control instanceof HTMLInputElement && control.type === "checkbox")) {
      const boxes = Array.from(form.querySelectorAll<HTMLInputElement>(`input[name="${key}"]`));
      if (boxes.every((b) => b.type === "radio")) params.set(key, boxes.find((b) => b.checked)?.value ?? "");
      else
        params.set(
          key,
          boxes
            .filter((b) => b.checked)
            .map((b) => b.value)
            .join(","),
        );
    } else if (control instanceof HTMLInputElement || control instanceof HTMLSelectElement) params.set(key, control.value);
  }
  return readSettings(params, "", table, defaults);
}

/** Puts a config into its form (the inverse of settingsFromForm). */
export function fillSettingsForm<C extends object>(form: HTMLFormElement, table: FieldTable<C>, config: C): void {
  for (const prop of Object.keys(table) as Array<keyof C & string>) {
    const key = table[prop].key;
    const value: unknown = config[prop];
    const text = Array.isArray(value) ? value.map(String) : [String(value)];
    const boxes = Array.from(form.querySelectorAll<HTMLInputElement>(`input[name="${key}"]`)).filter(
      (b) => b.type === "checkbox" || b.type === "radio",
    );
    if (boxes.length > 0) {
      for (const b of boxes) b.checked = text.includes(b.value);
      continue;
    }
    const control = form.elements.namedItem(key);
    if (control instanceof HTMLInputElement || control instanceof HTMLSelectElement) control.value = text.join(",");
  }
}

/** Shows settings' problems in `el` as text (never HTML: names and values come from a link), or hides it when none. */
export function showSettingErrors(el: HTMLElement, errors: readonly SettingError[], source: "url" | "form", prefix = ""): void {
  el.textContent = errors.map((e) => settingMessage(e, source, prefix)).join(" ");
  el.hidden = errors.length === 0;
}
