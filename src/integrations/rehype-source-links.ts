/**
 * Every inline `src/…`, `scripts/…`, `tests/…` or `content/data/…` path in the chapters becomes a link to that file in
 * the repository the site was built from, and a path that does not exist fails the build (so prose cannot point at a
 * file that was renamed). The repository comes from REPO_URL, else from the checkout's `origin` remote, so a fork's
 * build links to the fork; with neither, the paths stay plain code and the build says so once.
 */
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Element, Root } from "hast";
import { visit } from "unist-util-visit";

const SOURCE_PATH = /^(?:src|scripts|tests|bench|content\/data)\/[A-Za-z0-9_./-]*$/;

export interface SourceLinkOptions {
  /** e.g. https://github.com/user/mnist-bits; undefined leaves the paths unlinked. */
  repoUrl: string | undefined;
  /** Branch, tag or commit the links name. */
  ref: string;
  /** The checkout the paths are checked against. */
  root: string;
}

/** An https address for a git remote (https or scp-like ssh), or undefined when it is neither. */
export function httpsRemote(remote: string): string | undefined {
  const trimmed = remote.trim().replace(/\.git$/, "");
  if (/^https:\/\//.test(trimmed)) return trimmed;
  const ssh = /^git@([^:]+):(.+)$/.exec(trimmed);
  return ssh ? `https://${ssh[1]}/${ssh[2]}` : undefined;
}

/** REPO_URL, else the origin remote of `root` as https, else undefined. */
export function repositoryUrl(root: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env["REPO_URL"]?.trim();
  if (configured) return configured.replace(/\/$/, "");
  try {
    return httpsRemote(
      execFileSync("git", ["remote", "get-url", "origin"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }),
    );
  } catch {
    return undefined;
  }
}

/** The link for one path: GitHub-style `blob/` for files and `tree/` for folders. */
export function sourceHref(repoUrl: string, ref: string, path: string, isFolder: boolean): string {
  return `${repoUrl}/${isFolder ? "tree" : "blob"}/${ref}/${path.replace(/\/$/, "")}`;
}

export function rehypeSourceLinks(options: SourceLinkOptions) {
  return (tree: Root): void => {
    visit(tree, "element", (node: Element, index, parent) => {
      if (node.tagName !== "code" || parent === undefined || index === undefined) return;
      if (parent.type === "element" && (parent.tagName === "a" || parent.tagName === "pre")) return;
      const [child] = node.children;
      if (node.children.length !== 1 || child?.type !== "text" || !SOURCE_PATH.test(child.value)) return;
      const path = child.value;
      const full = join(options.root, path);
      if (!existsSync(full)) throw new Error(`the chapters mention ${path}, which does not exist in ${options.root}`);
      if (options.repoUrl === undefined) return;
      const link: Element = {
        type: "element",
        tagName: "a",
        properties: { href: sourceHref(options.repoUrl, options.ref, path, statSync(full).isDirectory()), className: ["mb-source"] },
        children: [node],
      };
      parent.children[index] = link;
    });
  };
}
