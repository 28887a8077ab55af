import { readdirSync } from "node:fs";

/** Every page the site builds from content/, plus the 404 page, as paths relative to the base URL. */
export const PAGES: string[] = readdirSync(new URL("../../content/", import.meta.url))
  .filter((f) => /\.mdx?$/.test(f))
  .map((f) => f.replace(/\.mdx?$/, ""))
  .map((slug) => (slug === "index" ? "./" : `${slug}/`))
  .sort();
