/** Text shared by the chapter 5 build-time markup and its live island, so both read the same. */
import { formatFixed, formatInt } from "../../lib/format.ts";
import { describeArch, paramCount, parseArchKey } from "../../lib/train/arch.ts";

export function bitsText(bits: number): string {
  return `${formatInt(Math.round(bits))} bits`;
}

export function kbitsText(bits: number): string {
  return `${formatFixed(bits / 1000, 1)} kbits`;
}

export function perLabel(bits: number): string {
  return formatFixed(bits, 3);
}

export function percent(accuracy: number): string {
  return `${formatFixed(100 * accuracy, 2)}%`;
}

export function archName(key: string): string {
  return describeArch(parseArchKey(key));
}

export function archLabel(key: string): string {
  const arch = parseArchKey(key);
  return `${describeArch(arch)} (${formatInt(paramCount(arch))} parameters)`;
}

export function blockRange(start: number, end: number): string {
  return `${formatInt(start + 1)}–${formatInt(end)}`;
}

export function pruneText(fraction: number): string {
  return fraction === 0 ? "none" : `${formatFixed(100 * fraction, 0)}%`;
}
