/**
 * Loads an island's element only when the reader first acts on it, so a page ships a few hundred bytes of script per
 * island before interaction instead of the whole live machinery (job runtime, views, settings, the chapter's lib code).
 *
 * At once: the island's controls are shown (they stay hidden without JavaScript, so nobody meets a dead button), and
 * the element is loaded right away when the address carries settings for it (so a shared link is read and checked as
 * the page opens). Otherwise the first click on one of its buttons, change of one of its fields or submit of one of
 * its forms loads the element module, defines the element (which runs its connectedCallback) and then replays that
 * action, so the reader's first click does what it says.
 */
export interface IslandOptions {
  /** URL parameter prefixes the island reads; any of them in the address loads the element at once. */
  urlPrefixes?: readonly string[];
  /** Islands (tag names) whose waking wakes this one too: for islands that only listen to another's results. */
  wakeWith?: readonly string[];
}

type Loader = () => Promise<{ default: CustomElementConstructor }>;

const loaders = new Map<string, Loader>();
const waking = new Map<string, Promise<void>>();

/** Loads and defines `tag` (once), then the islands that wake with it. */
export function wake(tag: string): Promise<void> {
  let pending = waking.get(tag);
  if (pending === undefined) {
    const load = loaders.get(tag);
    if (load === undefined) return Promise.resolve();
    pending = load().then(
      (module) => {
        if (customElements.get(tag)) return;
        // Defining runs connectedCallback, which fills the island's forms from the address or the defaults: what the
        // reader changed before the module came is put back, so their edits stand.
        const edits = Array.from(document.querySelectorAll(tag), formState);
        customElements.define(tag, module.default);
        for (const restore of edits) restore();
      },
      (e: unknown) => {
        // A failed load (offline, a deploy in between) is retried on the next action instead of leaving a dead island.
        waking.delete(tag);
        throw e;
      },
    );
    waking.set(tag, pending);
  }
  return pending;
}

/**
 * The fields inside `host` that the reader has changed from the page's own markup, and a function that puts those
 * changes back (untouched fields keep whatever the element fills in, such as settings read from the address).
 */
function formState(host: Element): () => void {
  type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  const edited: Array<() => void> = [];
  for (const f of host.querySelectorAll<Field>("input, select, textarea")) {
    if (f instanceof HTMLInputElement && (f.type === "checkbox" || f.type === "radio")) {
      const checked = f.checked;
      if (checked !== f.defaultChecked) edited.push(() => (f.checked = checked));
    } else if (f instanceof HTMLSelectElement) {
      const value = f.value;
      const initial = Array.from(f.options).find((o) => o.defaultSelected) ?? f.options[0];
      if (value !== initial?.value) edited.push(() => (f.value = value));
    } else {
      const value = f.value;
      if (value !== f.defaultValue) edited.push(() => (f.value = value));
    }
  }
  return () => {
    for (const restore of edited) restore();
  };
}

export function island(tag: string, load: Loader, options: IslandOptions = {}): void {
  loaders.set(tag, load);
  for (const other of options.wakeWith ?? []) void customElements.whenDefined(other).then(() => wake(tag));
  const hosts = Array.from(document.querySelectorAll<HTMLElement>(tag));
  const params = [...new URL(location.href).searchParams.keys()];
  if (options.urlPrefixes?.some((p) => params.some((k) => k.startsWith(p))) === true) {
    void wake(tag);
    return;
  }
  for (const host of hosts) {
    for (const controls of host.querySelectorAll<HTMLElement>("[data-controls], [data-copy-link]")) controls.hidden = false;
    const replay = (event: Event, again: () => void): void => {
      if (customElements.get(tag)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      wake(tag).then(again, (e: unknown) => console.error(`could not load the ${tag} island:`, e));
    };
    host.addEventListener(
      "click",
      (event) => {
        const button = (event.target as Element | null)?.closest("button");
        if (button !== null && button !== undefined && host.contains(button)) replay(event, () => button.click());
      },
      { capture: true },
    );
    for (const type of ["input", "change"] as const) {
      host.addEventListener(
        type,
        (event) => {
          const target = event.target;
          if (target instanceof HTMLElement) replay(event, () => target.dispatchEvent(new Event(type, { bubbles: true })));
        },
        { capture: true },
      );
    }
    host.addEventListener(
      "submit",
      (event) => {
        const form = event.target;
        if (form instanceof HTMLFormElement) replay(event, () => form.requestSubmit());
      },
      { capture: true },
    );
  }
}
