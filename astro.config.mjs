// @ts-check
import starlight from "@astrojs/starlight";
import { unified } from "@astrojs/markdown-remark";
import { defineConfig } from "astro/config";
import rehypeKatex from "rehype-katex";
import remarkMath from "remark-math";
import { cspHeaders } from "./src/integrations/csp-headers.ts";
import { rehypeSourceLinks, repositoryUrl } from "./src/integrations/rehype-source-links.ts";
import { serviceWorker } from "./src/integrations/service-worker.ts";
import { CSP_DIRECTIVES, SCRIPT_SOURCES, STYLE_SOURCES } from "./src/integrations/csp.ts";

// Deploying under a sub-path (e.g. https://user.github.io/mnist-bits/): set SITE_URL and BASE_PATH at build time.
const base = process.env.BASE_PATH ?? "/";
const site = process.env.SITE_URL ?? "https://mnist-bits.example.org";
// Where the chapters' src/… paths link to: REPO_URL (and REPO_REF), else this checkout's origin remote.
const repoUrl = repositoryUrl(process.cwd());
if (repoUrl === undefined) console.warn("[mnist-bits] no REPO_URL and no origin remote: source paths are not linked");

export default defineConfig({
  site,
  base,
  // Lets parallel e2e runs (several engineers, one machine) build into separate folders.
  outDir: process.env.ASTRO_OUT_DIR ?? "./dist",
  trailingSlash: "ignore",
  // A strict policy in a <meta> tag on every page. Astro hashes its own scripts; the cspHeaders integration below adds
  // the hashes of Starlight's inline scripts, moves the tag to the top of <head> and writes the same policy to a
  // _headers file, which is what reaches the Web Workers (a meta policy does not).
  security: {
    csp: {
      directives: [...CSP_DIRECTIVES],
      scriptDirective: { resources: [...SCRIPT_SOURCES] },
      styleDirective: { resources: [...STYLE_SOURCES] },
    },
  },
  // Math is rendered to HTML at build time; no KaTeX JavaScript reaches the reader.
  markdown: {
    processor: unified({
      remarkPlugins: [remarkMath],
      rehypePlugins: [rehypeKatex, [rehypeSourceLinks, { repoUrl, ref: process.env.REPO_REF ?? "main", root: process.cwd() }]],
    }),
  },
  integrations: [
    starlight({
      title: "mnist-bits",
      description: "How many bits does it take to learn MNIST? Every number computed from the real data.",
      customCss: ["katex/dist/katex.min.css", "./src/styles/site.css"],
      lastUpdated: false,
      pagination: true,
      tableOfContents: { minHeadingLevel: 2, maxHeadingLevel: 3 },
      sidebar: [
        { label: "Introduction", slug: "index" },
        { label: "1 · Binarization", slug: "binarization" },
        { label: "2 · Entropy", slug: "entropy" },
        { label: "3 · MacKay's capacity argument", slug: "capacity" },
        { label: "4 · Overparameterization", slug: "overparameterization" },
        { label: "5 · Counting the bits", slug: "description-length" },
        { label: "Summary", slug: "summary" },
        { label: "Glossary", slug: "glossary" },
        { label: "How this site computes", slug: "computing" },
        { label: "References", slug: "references" },
      ],
    }),
    cspHeaders(),
    // Last: its precache fingerprints the pages as the integrations above leave them.
    serviceWorker(),
  ],
  vite: {
    worker: { format: "es" },
    build: {
      // Fonts stay files: a font inlined into CSS as a data: URL would need font-src data: in the CSP.
      assetsInlineLimit: (file) => (/\.(woff2?|ttf|otf)$/.test(file) ? false : undefined),
      rolldownOptions: {
        // Astro's MDX output starts with a "use astro:head-inject" directive that the bundler warns about on every page;
        // it is Astro's own marker and harmless, and the noise hid real warnings.
        onwarn(warning, warn) {
          if (warning.code === "MODULE_LEVEL_DIRECTIVE" && warning.message.includes("astro:head-inject")) return;
          warn(warning);
        },
      },
    },
  },
});
