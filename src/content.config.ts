import { docsSchema, i18nSchema } from "@astrojs/starlight/schema";
import { glob } from "astro/loaders";
import { defineCollection } from "astro:content";

// Chapters live in the top-level content/ folder (not src/content/docs) so writers find them at once.
export const collections = {
  docs: defineCollection({
    loader: glob({ pattern: "**/[^_]*.{md,mdx}", base: "./content" }),
    schema: docsSchema(),
  }),
  // Starlight reads overrides of its interface strings from an `i18n` collection and warned when there was none: the
  // site uses Starlight's English strings as they are, so the collection holds one empty English entry.
  i18n: defineCollection({ loader: () => [{ id: "en" }], schema: i18nSchema() }),
};
