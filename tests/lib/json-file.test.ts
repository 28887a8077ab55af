import { describe, expect, it } from "vitest";
import { parseJsonFile } from "../../src/lib/json-file.ts";

describe("parseJsonFile", () => {
  it("parses, and names the file when the text is not JSON", () => {
    expect(parseJsonFile('{"a": [1]}', "x.json")).toEqual({ a: [1] });
    expect(() => parseJsonFile("{oops", "content/data/x.json")).toThrow(/^content\/data\/x\.json: not valid JSON \(/);
  });
});
