/**
 * A display formula wider than the column scrolls sideways inside its own box (`.katex-display`, site.css). This
 * script, injected into every page by scroll-focus.ts, makes each one that actually scrolls reachable with the keyboard
 * (Tab, then the arrow keys) and names it for screen readers; one that fits stays out of the tab order. It re-checks
 * when a formula's box changes size (rotating a phone, resizing a window, a font arriving). Without JavaScript the
 * formulas still scroll by touch, mouse or trackpad.
 */
const SELECTOR = ".katex-display";
const LABEL = "Equation, scrolls sideways";

function update(box: HTMLElement): void {
  const scrolls = box.scrollWidth > box.clientWidth + 1;
  if (scrolls && box.tabIndex !== 0) {
    box.tabIndex = 0;
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", LABEL);
  } else if (!scrolls && box.hasAttribute("tabindex")) {
    box.removeAttribute("tabindex");
    box.removeAttribute("role");
    box.removeAttribute("aria-label");
  }
}

function watch(): void {
  const boxes = document.querySelectorAll<HTMLElement>(SELECTOR);
  if (boxes.length === 0) return;
  const observer = new ResizeObserver((entries) => {
    for (const entry of entries) update(entry.target as HTMLElement);
  });
  for (const box of boxes) observer.observe(box);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch, { once: true });
else watch();
