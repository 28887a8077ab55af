import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { loadMnistNode } from "../../src/lib/data/node.ts";
import { expect, islandReady, test } from "./fixtures.ts";

/**
 * Chapter 5's drawing pad (<mb-draw-digit>): strokes drawn with a mouse, a pen and a finger are read by both served
 * networks; the keyboard way in (a test image by number) reads the image's own label; a corrupted model file is
 * refused with a message naming it and no prediction; nothing is downloaded before the reader acts.
 */

const PAGE = "description-length/";
const TAG = "mb-draw-digit";
/** The pad's own units (draw-view.ts PAD_SIZE): the strokes below are drawn in a 280 × 280 square. */
const PAD = 280;
const LONG = { timeout: 30_000 };

type Point = { x: number; y: number };

function line(a: [number, number], b: [number, number], step = 5): Point[] {
  const k = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / step));
  return Array.from({ length: k + 1 }, (_, i) => ({ x: a[0] + ((b[0] - a[0]) * i) / k, y: a[1] + ((b[1] - a[1]) * i) / k }));
}

/** The shapes of the unit test (tests/chapters/description-length/draw-view.test.ts), in pad units. */
const ZERO: Point[][] = [
  Array.from({ length: 49 }, (_, i) => ({
    x: 140 + 60 * Math.sin((2 * Math.PI * i) / 48),
    y: 140 - 95 * Math.cos((2 * Math.PI * i) / 48),
  })),
];
const ONE: Point[][] = [line([150, 45], [128, 235])];
/** A 7 in two strokes (the bar, then the diagonal), so Undo stroke has something to take back. */
const SEVEN: Point[][] = [line([75, 60], [205, 60]), line([205, 60], [125, 235])];

async function padBox(pad: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (box === null) throw new Error("the drawing pad is not on screen");
  return box;
}

/** Draws with the real mouse (trusted events, as a reader's). */
async function drawWithMouse(page: Page, pad: Locator, strokes: Point[][]): Promise<void> {
  const box = await padBox(pad);
  const at = (p: Point): [number, number] => [box.x + (p.x * box.width) / PAD, box.y + (p.y * box.height) / PAD];
  for (const stroke of strokes) {
    const [first, ...rest] = stroke;
    if (first === undefined) continue;
    await page.mouse.move(...at(first));
    await page.mouse.down();
    for (const p of rest) await page.mouse.move(...at(p));
    await page.mouse.up();
  }
}

/** Draws with dispatched Pointer Events of the given pointer type (a pen or a finger). */
async function drawWithPointer(pad: Locator, strokes: Point[][], pointerType: "pen" | "touch"): Promise<void> {
  await padBox(pad);
  await pad.evaluate(
    (el, { strokes, pointerType, size }) => {
      const r = el.getBoundingClientRect();
      const fire = (type: string, p: { x: number; y: number }, down: boolean) =>
        el.dispatchEvent(
          new PointerEvent(type, {
            bubbles: true,
            cancelable: true,
            pointerId: 11,
            pointerType,
            isPrimary: true,
            clientX: r.left + (p.x * r.width) / size,
            clientY: r.top + (p.y * r.height) / size,
            button: type === "pointermove" ? -1 : 0,
            buttons: down ? 1 : 0,
            pressure: down ? 0.5 : 0,
          }),
        );
      for (const stroke of strokes) {
        stroke.forEach((p, i) => fire(i === 0 ? "pointerdown" : "pointermove", p, true));
        const last = stroke.at(-1);
        if (last !== undefined) fire("pointerup", last, false);
      }
    },
    { strokes, pointerType, size: PAD },
  );
}

const top = (island: Locator, net: "small" | "ref") => island.locator(`[data-value="${net}-top"]`);

async function expectBoth(island: Locator, digit: number): Promise<void> {
  await expect(island).toHaveAttribute("data-state", "ready", LONG);
  await expect(top(island, "small")).toHaveText(String(digit));
  await expect(top(island, "ref")).toHaveText(String(digit));
}

async function clear(island: Locator): Promise<void> {
  await island.getByRole("button", { name: "Clear" }).click();
  await expect(island).toHaveAttribute("data-state", "idle");
}

/** Every request for a model file, as it happens. */
function recordModelRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (req) => {
    if (req.url().includes("/models/")) urls.push(new URL(req.url()).pathname);
  });
  return urls;
}

test.describe("chapter 5: draw a digit", () => {
  test("a 0 (mouse, the very first stroke), a 1 (pen) and a 7 (finger) are read by both networks", async ({ page, problems }) => {
    const models = recordModelRequests(page);
    await page.goto(PAGE);
    await page.waitForLoadState("networkidle");
    expect(models, "model files are downloaded only when the reader acts").toEqual([]);
    const island = page.locator(TAG);
    const pad = island.locator("canvas[data-pad]");
    await expect(pad).toHaveCSS("touch-action", "none");

    // The first stroke wakes the element: it must be drawn and read, not lost while the module loads.
    expect(await page.evaluate((tag) => customElements.get(tag) === undefined, TAG)).toBe(true);
    await drawWithMouse(page, pad, ZERO);
    await islandReady(page, TAG);
    await expectBoth(island, 0);
    await expect(island.locator('[data-value="source"]')).toHaveText(/Your drawing \(1 stroke\)/);
    // The preview holds ink: the 28 × 28 image the networks read.
    const ink = await island.locator("canvas[data-preview]").evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext("2d")?.getImageData(0, 0, 28, 28).data ?? new Uint8ClampedArray();
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 128) dark++;
      return dark;
    });
    expect(ink).toBeGreaterThan(40);
    // The live region says what both networks read.
    await expect(island.locator('[data-value="announce"]')).toHaveText(/Small network: 0, .*21,840-parameter network: 0, /);
    // Probabilities and bits are in the table, the top row's bits equal to the sentence's.
    const row = island.locator('tbody[data-probabilities="ref"] tr[data-digit="0"]');
    await expect(row).toHaveAttribute("data-top", "");
    await expect(island.locator('[data-value="ref-top-bits"]')).toContainText("−log₂ p(0)");

    await clear(island);
    await drawWithPointer(pad, ONE, "pen");
    await expectBoth(island, 1);

    await clear(island);
    await drawWithPointer(pad, SEVEN, "touch");
    await expectBoth(island, 7);
    await expect(island.locator('[data-value="source"]')).toHaveText(/2 strokes/);
    // Naming a label prices it for both networks.
    await island.getByRole("combobox", { name: /If this is a/ }).selectOption("1");
    await expect(island.locator('[data-value="small-named-bits"]')).toHaveText(
      /^If this is a 1, the code pays −log₂ p\(1\) = [\d.]+ bits\.$/,
    );
    // Undo takes the diagonal back: what is left is no longer read as a 7 by both networks, and undoing the bar empties the pad.
    await island.getByRole("button", { name: "Undo stroke" }).click();
    await expect(island.locator('[data-value="source"]')).toHaveText(/1 stroke\)/);
    await island.getByRole("button", { name: "Undo stroke" }).click();
    await expect(island).toHaveAttribute("data-state", "idle");
    await expect(top(island, "small")).toHaveText("–");

    // Each file was downloaded once, from the page's base path.
    expect(models).toHaveLength(2);
    expect(new Set(models).size).toBe(2);
    for (const m of models) expect(m).toMatch(/^\/mnist-bits\/models\/(mnist-selected|cnn-21840)\.[0-9a-f]{8}\.bin$/);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
  });

  test("with the keyboard, a test image chosen by number is read as its label", async ({ page, problems }) => {
    const labels = loadMnistNode().test.labels;
    await page.goto(PAGE);
    const island = page.locator(TAG);
    const input = island.getByRole("spinbutton", { name: /Test image/ });
    await input.focus();
    for (const index of [0, 3]) {
      await input.fill(String(index));
      await page.keyboard.press("Enter");
      const label = labels[index] ?? -1;
      await expect(island.locator('[data-value="source"]')).toHaveText(
        `Test image ${index}, labelled ${label}, as the networks see it:`,
        LONG,
      );
      await expectBoth(island, label);
      // The label is named for the reader: what each network's code pays for the true label.
      await expect(island.getByRole("combobox", { name: /If this is a/ })).toHaveValue(String(label));
      await expect(island.locator('[data-value="ref-named-bits"]')).toContainText(`If this is a ${label}, the code pays −log₂ p(${label})`);
    }
    // "Use this image" is a button the keyboard reaches.
    await island.getByRole("button", { name: "Use this image" }).focus();
    await input.fill("9999");
    await island.getByRole("button", { name: "Use this image" }).press("Enter");
    await expectBoth(island, labels[9999] ?? -1);
    expect(problems.consoleErrors).toEqual([]);
  });

  test("a corrupted model file is refused, naming the file, with no prediction; the next stroke retries", async ({ page, problems }) => {
    let corrupt = true;
    await page.route("**/models/cnn-21840.*.bin", async (route) => {
      if (!corrupt) return route.fallback();
      const res = await route.fetch();
      const body = Buffer.from(await res.body());
      const at = Math.floor(body.length / 2);
      body.writeUInt8(body.readUInt8(at) ^ 0xff, at);
      await route.fulfill({ response: res, body });
    });
    await page.goto(PAGE);
    const island = page.locator(TAG);
    const pad = island.locator("canvas[data-pad]");
    await drawWithMouse(page, pad, ONE);
    await expect(island).toHaveAttribute("data-state", "error", LONG);
    const alert = island.getByRole("alert");
    await expect(alert).toContainText(/models\/cnn-21840\.[0-9a-f]{8}\.bin: integrity check failed/);
    for (const net of ["small", "ref"] as const) {
      await expect(top(island, net)).toHaveText("–");
      await expect(island.locator(`[data-value="${net}-p1"]`)).toHaveText("–");
    }
    await expect(island.locator('[data-value="announce"]')).toHaveText("");

    corrupt = false;
    await drawWithMouse(page, pad, ONE);
    await expectBoth(island, 1);
    await expect(alert).toBeHidden();
    expect(problems.consoleErrors).toEqual([]);
  });

  test("at 360 px in the dark theme the pad fits the width, draws, and the island passes axe", async ({ page, problems }) => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(PAGE);
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    const island = page.locator(TAG);
    const pad = island.locator("canvas[data-pad]");
    await drawWithMouse(page, pad, SEVEN);
    await expectBoth(island, 7);
    const box = await padBox(pad);
    expect(box.width).toBeGreaterThan(200);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    // The card fits the width, and so do both probability tables: nothing needs a sideways scroll.
    const fits = await island.evaluate((el) => {
      const card = el.querySelector(".mb-card");
      const right = card?.getBoundingClientRect().right ?? Infinity;
      const overflowing = [card, ...el.querySelectorAll(".mb-scroll")].filter((e) => e === null || e.scrollWidth > e.clientWidth);
      return { right, overflowing: overflowing.length };
    });
    expect(fits.right).toBeLessThanOrEqual(360);
    expect(fits.overflowing).toBe(0);
    const results = await new AxeBuilder({ page }).include(TAG).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
  });
});
