import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";

/**
 * Injects scroll-focus-client.ts into every page's module script (no inline script for the CSP to allow): display
 * formulas that scroll sideways become focusable and named (role "group").
 */
export function scrollFocus(): AstroIntegration {
  return {
    name: "mnist-bits:scroll-focus",
    hooks: {
      "astro:config:setup": ({ injectScript }) => {
        const client = fileURLToPath(new URL("./scroll-focus-client.ts", import.meta.url));
        injectScript("page", `import ${JSON.stringify(client)};`);
      },
    },
  };
}
