import { docsSchema } from "@astrojs/starlight/schema";
import { glob } from "astro/loaders";
import { defineCollection } from "astro:content";

// Chapters live in the top-level content/ folder (not src/content/docs) so writers find them at once.
export const collections = {
  docs: defineCollection({
    loader: glob({ pattern: "**/[^_]*.{md,mdx}", base: "./content" }),
    schema: docsSchema(),
  }),
};
