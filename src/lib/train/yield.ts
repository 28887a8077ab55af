/**
 * Lets the event loop run between batches. A worker hears "cancel" only when its loop runs a task, and a resolved
 * promise (what a wasm `data()` returns) is a microtask that lets no task in. setTimeout(0) is clamped to 4 ms
 * once nested, a fifth of a batch, so we use setImmediate (Node) or a MessageChannel round trip (browsers, workers).
 */
let channel: MessageChannel | undefined;
const waiting: Array<() => void> = [];

export function yieldToEventLoop(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (f: () => void) => unknown }).setImmediate;
  if (typeof immediate === "function") return new Promise((resolve) => void immediate(resolve));
  if (typeof MessageChannel === "undefined") return new Promise((resolve) => setTimeout(resolve, 0));
  if (channel === undefined) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  const port = channel.port2;
  return new Promise((resolve) => {
    waiting.push(resolve);
    port.postMessage(null);
  });
}
