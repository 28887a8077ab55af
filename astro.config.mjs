// @ts-check
import starlight from "@astrojs/starlight";
import { unified } from "@astrojs/markdown-remark";
import { defineConfig } from "astro/config";
import remarkMath from "remark-math";
import { cspHeaders } from "./src/integrations/csp-headers.ts";
import { rehypeMath } from "./src/integrations/rehype-math.ts";
import { rehypeSourceLinks, repositoryUrl } from "./src/integrations/rehype-source-links.ts";
import { scrollFocus } from "./src/integrations/scroll-focus.ts";
import { serviceWorker } from "./src/integrations/service-worker.ts";
import { tfjsThreads } from "./src/integrations/tfjs-threads.ts";
import { CSP_DIRECTIVES, SCRIPT_SOURCES, STYLE_SOURCES } from "./src/integrations/csp.ts";

// Deploying under a sub-path (e.g. https://user.github.io/mnist-bits/): set SITE_URL and BASE_PATH at build time.
const base = process.env.BASE_PATH ?? "/";
const site = process.env.SITE_URL ?? "https://mnist-bits.example.org";
// Where the chapters' src/… paths link to: REPO_URL (and REPO_REF), else this checkout's origin remote.
const repoUrl = repositoryUrl(process.cwd());
if (repoUrl === undefined) console.warn("[mnist-bits] no REPO_URL and no origin remote: source paths are not linked");

/**
 * highs (the LP solver, run in a Web Worker) loads `node:module` only when it runs under Node. A browser bundle gets
 * this stand-in instead of Vite's empty "externalized for browser compatibility" module, which came with a warning
 * per bundle; the server build, which runs the solver at build time, keeps the real one.
 * @returns {import("vite").Plugin}
 */
function highsWithoutNodeModule() {
  const id = "\0mnist-bits:highs-node-module";
  return {
    name: "mnist-bits:highs-without-node-module",
    enforce: "pre",
    resolveId(source, importer, options) {
      if (source !== "node:module" || !importer?.includes("/node_modules/highs/")) return null;
      if (options?.ssr === true || this.environment?.config.consumer === "server") return null;
      return id;
    },
    load(loaded) {
      if (loaded !== id) return null;
      return 'export function createRequire() { throw new Error("highs: node:module is only there under Node"); }';
    },
  };
}

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
  // Math is rendered to HTML at build time (rehype-math.ts, with the KaTeX whose stylesheet is loaded below); no KaTeX
  // JavaScript reaches the reader.
  markdown: {
    processor: unified({
      remarkPlugins: [remarkMath],
      rehypePlugins: [rehypeMath, [rehypeSourceLinks, { repoUrl, ref: process.env.REPO_REF ?? "main", root: process.cwd() }]],
    }),
    // The chapters have no code blocks, and Shiki's inline styles would clash with the CSP (Astro warned about it on
    // every build). Starlight's Expressive Code would highlight any code block added later.
    syntaxHighlight: false,
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
    scrollFocus(),
    cspHeaders(),
    // Last: its precache fingerprints the pages as the integrations above leave them.
    serviceWorker(),
  ],
  vite: {
    plugins: [highsWithoutNodeModule()],
    worker: {
      format: "es",
      // TensorFlow.js runs in the workers only; tfjsThreads makes its multithreaded build start there (tfjs-threads.ts).
      plugins: () => [highsWithoutNodeModule(), tfjsThreads()],
      // The workers are bundled separately; the same timing check as below came and went there too.
      rolldownOptions: { checks: { bundlerTimings: false } },
    },
    build: {
      // Fonts stay files: a font inlined into CSS as a data: URL would need font-src data: in the CSP.
      assetsInlineLimit: (file) => (/\.(woff2?|ttf|otf)$/.test(file) ? false : undefined),
      rolldownOptions: {
        // Rolldown warns when plugin callbacks take a noticeable share of a build step, which says more about how busy
        // the machine is than about the project (it came and went from one build to the next).
        checks: { bundlerTimings: false },
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
