/**
 * Full-page screenshots of every page of a built site, in the light and the dark theme, at phone width by default:
 * the before/after record of a layout change. Prints, per shot, how much wider than the viewport the page is.
 *
 *   npx tsx scripts/screenshots.ts --base-url http://127.0.0.1:4321/mnist-bits/ --out /tmp/shots/after
 *   npx tsx scripts/screenshots.ts --site dist --base /mnist-bits/ --out /tmp/shots/after --widths 360,390,768
 *
 * `--site DIR` serves a build folder itself (under `--base`, default /mnist-bits/) instead of using a running server.
 * Files are named `<page>-<width>-<theme>.png` (`index` for the home page).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { PAGES } from "../tests/e2e/pages.ts";
import { serveSite, type SiteServer } from "../tests/e2e/static-server.ts";
import { CHROMIUM_ARGS, findChromium } from "./chromium.ts";

const THEMES = ["light", "dark"] as const;

const { values } = parseArgs({
  options: {
    "base-url": { type: "string" },
    site: { type: "string" },
    base: { type: "string", default: "/mnist-bits/" },
    out: { type: "string", default: "shots" },
    widths: { type: "string", default: "390" },
    height: { type: "string", default: "844" },
    pages: { type: "string" },
  },
});

const widths = values.widths.split(",").map(Number);
if (widths.some((w) => !Number.isInteger(w) || w <= 0)) throw new Error(`--widths: expected a list of pixel widths, got ${values.widths}`);
const height = Number(values.height);
const pages = values.pages === undefined ? PAGES : values.pages.split(",");

let server: SiteServer | undefined;
let baseUrl = values["base-url"];
if (baseUrl === undefined) {
  if (values.site === undefined) throw new Error("give --base-url URL (a running server) or --site DIR (a build folder)");
  server = await serveSite(values.site, values.base);
  baseUrl = server.url;
}
if (!baseUrl.endsWith("/")) baseUrl += "/";
mkdirSync(values.out, { recursive: true });

const executablePath = findChromium();
const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS });
try {
  for (const theme of THEMES) {
    for (const width of widths) {
      const context = await browser.newContext({ viewport: { width, height }, colorScheme: theme, serviceWorkers: "block" });
      // Starlight reads the reader's choice from localStorage before the first paint; "auto" would follow colorScheme.
      await context.addInitScript((t) => localStorage.setItem("starlight-theme", t), theme);
      const page = await context.newPage();
      for (const path of pages) {
        await page.goto(new URL(path, baseUrl).href, { waitUntil: "load" });
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        const name = `${path === "./" ? "index" : path.replace(/\/$/, "").replaceAll("/", "_")}-${width}-${theme}.png`;
        await page.screenshot({ path: join(values.out, name), fullPage: true });
        console.log(`${name}: ${wide > width ? `${wide} px wide (viewport ${width})` : "fits"}`);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server?.stop();
}
