import type { Element, Root } from "hast";
import { describe, expect, it } from "vitest";
import { httpsRemote, rehypeSourceLinks, repositoryUrl, sourceHref } from "../../src/integrations/rehype-source-links.ts";

const code = (text: string): Element => ({ type: "element", tagName: "code", properties: {}, children: [{ type: "text", value: text }] });
const paragraph = (...children: Element[]): Root => ({
  type: "root",
  children: [{ type: "element", tagName: "p", properties: {}, children }],
});
const options = { repoUrl: "https://github.com/a/b", ref: "main", root: process.cwd() };

describe("rehypeSourceLinks", () => {
  it("links a file as blob/ and a folder as tree/, and leaves other code alone", () => {
    const tree = paragraph(code("src/lib/format.ts"), code("src/lib/"), code("npm test"), code("mnist/main.py"));
    rehypeSourceLinks(options)(tree);
    const [file, folder, command, foreign] = (tree.children[0] as Element).children as Element[];
    expect(file).toMatchObject({ tagName: "a", properties: { href: "https://github.com/a/b/blob/main/src/lib/format.ts" } });
    expect(folder).toMatchObject({ tagName: "a", properties: { href: "https://github.com/a/b/tree/main/src/lib" } });
    expect((file!.children[0] as Element).tagName).toBe("code");
    expect(command?.tagName).toBe("code");
    expect(foreign?.tagName).toBe("code");
  });

  it("fails the build on a path that does not exist, with or without a repository", () => {
    expect(() => rehypeSourceLinks(options)(paragraph(code("src/lib/no-such-file.ts")))).toThrow(/no-such-file\.ts, which does not exist/);
    expect(() => rehypeSourceLinks({ ...options, repoUrl: undefined })(paragraph(code("scripts/gone.ts")))).toThrow(/gone\.ts/);
  });

  it("leaves paths unlinked without a repository, and never links code already inside a link", () => {
    const plain = paragraph(code("src/lib/format.ts"));
    rehypeSourceLinks({ ...options, repoUrl: undefined })(plain);
    expect(((plain.children[0] as Element).children[0] as Element).tagName).toBe("code");
    const linked: Root = {
      type: "root",
      children: [{ type: "element", tagName: "a", properties: { href: "x" }, children: [code("src/lib/format.ts")] }],
    };
    rehypeSourceLinks(options)(linked);
    expect(((linked.children[0] as Element).children[0] as Element).tagName).toBe("code");
  });
});

describe("the repository address", () => {
  it("turns https and scp-style ssh remotes into https, and refuses local paths", () => {
    expect(httpsRemote("https://github.com/a/b.git\n")).toBe("https://github.com/a/b");
    expect(httpsRemote("git@github.com:a/b.git")).toBe("https://github.com/a/b");
    expect(httpsRemote("/work/main")).toBeUndefined();
    expect(sourceHref("https://h/x", "v1", "src/a.ts", false)).toBe("https://h/x/blob/v1/src/a.ts");
  });

  it("prefers REPO_URL to the remote", () => {
    expect(repositoryUrl(process.cwd(), { REPO_URL: "https://example.org/fork/" })).toBe("https://example.org/fork");
  });
});
