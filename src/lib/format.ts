/** Number formatting shared by the build and the browser, so static and live text read the same. */
const intFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export function formatInt(n: number): string {
  return intFormat.format(n);
}

export function formatFixed(n: number, digits: number): string {
  return new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1e3) return `${bytes} B`;
  if (bytes < 1e6) return `${formatFixed(bytes / 1e3, 1)} kB`;
  return `${formatFixed(bytes / 1e6, 1)} MB`;
}

export function formatSeconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${formatFixed(ms / 1000, 1)} s`;
}
