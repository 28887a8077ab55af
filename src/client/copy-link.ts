import { required } from "./dom.ts";
import { announce } from "./live.ts";

/** What the copy says, in the note beside the button and in the island's live region. */
export const COPIED = "Link copied";
export const COPY_BY_HAND = "The link is selected in the field below: copy it with Ctrl+C (⌘C on a Mac).";
export const NOT_COPIED = "No link copied: the settings above have a problem.";

/**
 * Wires the island's "Copy link to these settings" control (CopyLink.astro). `link` saves the island's current
 * settings to the address bar and returns the address, or undefined when a setting is invalid (the island then shows
 * why). The link goes to the clipboard; where the Clipboard API is missing or refused (an insecure page, a denied
 * permission), it is put selected in a read-only field instead. Either way the island's live region says what
 * happened. Does nothing for an island without the control.
 */
export function bindCopyLink(island: HTMLElement, link: () => string | undefined): void {
  const box = island.querySelector<HTMLElement>("[data-copy-link]");
  if (box === null) return;
  const button = required<HTMLButtonElement>(box, '[data-action="copy-link"]');
  const field = required<HTMLInputElement>(box, "[data-copy-link-url]");
  const fieldRow = required(box, "[data-copy-link-field]");
  const note = required(box, "[data-copy-link-note]");
  box.hidden = false;
  const say = (text: string, state: string): void => {
    note.textContent = text;
    box.dataset["state"] = state;
    announce(island, text);
  };
  button.addEventListener("click", () => {
    const url = link();
    if (url === undefined) {
      fieldRow.hidden = true;
      say(NOT_COPIED, "invalid");
      return;
    }
    field.value = url;
    void writeClipboard(url).then((copied) => {
      if (copied) {
        fieldRow.hidden = true;
        say(`${COPIED}.`, "copied");
      } else {
        fieldRow.hidden = false;
        field.focus();
        field.select();
        say(COPY_BY_HAND, "select");
      }
    });
  });
  // A click in the field selects the whole link, so a hand copy never takes half of it.
  field.addEventListener("focus", () => field.select());
}

/** Whether `text` reached the clipboard: false where the API is missing, or the browser refused it. */
export async function writeClipboard(text: string): Promise<boolean> {
  // Typed as always there, but absent on an insecure page (and in older browsers).
  const clipboard = (globalThis.navigator as Partial<Navigator> | undefined)?.clipboard;
  if (clipboard === undefined || typeof clipboard.writeText !== "function") return false;
  try {
    await clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
