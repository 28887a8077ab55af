/** A committed JSON file's text as data, or an error that names the file (a bare SyntaxError says neither which nor where). */
export function parseJsonFile(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${name}: not valid JSON (${(e as Error).message})`, { cause: e });
  }
}
