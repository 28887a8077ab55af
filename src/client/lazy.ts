/**
 * Loads a module on first use. Charts are drawn at build time, so the browser needs Observable Plot (most of a
 * chapter's JavaScript) only when a reader's action asks for a redraw. Callbacks run in the order they were requested,
 * so the latest redraw always lands last. A failed load (say, offline) is reported and retried on the next request.
 */
export function lazy<M>(load: () => Promise<M>): (use: (module: M) => void) => Promise<void> {
  let pending: Promise<M> | undefined;
  return (use) => {
    const current = (pending ??= load());
    return current.then(use, (e: unknown) => {
      if (pending === current) pending = undefined;
      console.error("could not load a chart module:", e);
    });
  };
}
