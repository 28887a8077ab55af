/**
 * Registers the service worker that src/integrations/service-worker.ts writes at build time (injected into every
 * page's module script). Offline reading is an extra: when it cannot be had, the page says so on the console as a
 * warning and carries on.
 *
 * The worker also adds the cross-origin isolation headers that multithreaded WebAssembly needs, for hosts that do not
 * send them; a page only gets them when the worker served it. So a page that is not isolated reloads once when the
 * worker takes control of it (or is active but was bypassed, as by a hard reload), at most once per tab session.
 * Not where the host sent the headers (already isolated), nor where the browser has no isolation at all.
 */
const base = import.meta.env.BASE_URL.endsWith("/") ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
const PREFIX = "mnist-bits offline support:";
const RELOADED = "mnist-bits:isolation-reload";

function isolateOnce(registration: ServiceWorkerRegistration | undefined): void {
  // A browser that blocks service workers (Playwright's serviceWorkers: "block") resolves register() with nothing.
  if (registration === undefined) return;
  if (self.crossOriginIsolated !== false || navigator.serviceWorker.controller !== null) return;
  try {
    if (sessionStorage.getItem(RELOADED) !== null) return;
  } catch {
    return; // No storage, no guard against a loop: stay as we are.
  }
  const reload = (): void => {
    // A reload would kill a demo the reader has started; the next page they open is isolated anyway.
    if (document.querySelector('[data-state="running"]') !== null) return;
    sessionStorage.setItem(RELOADED, "1");
    location.reload();
  };
  if (registration.active) reload();
  else navigator.serviceWorker.addEventListener("controllerchange", reload, { once: true });
}

function register(): void {
  // Precaching downloads a few MB: not for a reader who asked the browser to save data.
  const connection = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection;
  if (connection?.saveData === true) {
    console.info(`${PREFIX} off because the browser asks to save data`);
    return;
  }
  // updateViaCache "none": every update check asks the server for sw.js, so a deploy is seen at once even where
  // hosts send it with a max-age.
  navigator.serviceWorker.register(`${base}sw.js`, { scope: base, updateViaCache: "none" }).then(isolateOnce, (e: unknown) => {
    console.warn(`${PREFIX} registration failed (${e instanceof Error ? e.message : String(e)})`);
  });
}

if (!("serviceWorker" in navigator)) {
  if (import.meta.env.PROD) console.warn(`${PREFIX} service workers are unavailable in this browser or context`);
} else if (import.meta.env.PROD) {
  // After the load event, so the precache downloads do not compete with the page's own.
  if (document.readyState === "complete") register();
  else addEventListener("load", register, { once: true });
} else {
  // `astro dev` has no sw.js; a worker left by `astro preview` on the same port would answer with the built site.
  void navigator.serviceWorker
    .getRegistration(base)
    .then(async (reg) => {
      if (reg && (await reg.unregister())) console.info(`${PREFIX} removed the built site's service worker from this dev server`);
    })
    .catch(() => undefined);
}
