/** A required child element: islands render their own markup at build time, so a missing piece is a bug worth a loud error. */
export function required<T extends Element = HTMLElement>(root: ParentNode, selector: string): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`missing ${selector}`);
  return el;
}
