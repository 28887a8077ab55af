/**
 * What an island shows, as the exact text the page prints: its values by key and the rows of its tables by name. One
 * pure function per island builds it (`view(inputs)`); the build renders it (Value.astro, Rows.astro) and the element
 * patches the same keys live (patch.ts), so a number has one formula and one format, and the compiler checks the keys
 * on both sides. No DOM here: the build imports it too.
 */
export interface View<K extends string = string, T extends string = never> {
  readonly values: { readonly [key in K]: string };
  readonly tables?: { readonly [table in T]: readonly TableRow[] };
}

/** One table row: its first cell is the row's header (`<th scope="row">`), the others data cells. */
export type TableRow = readonly string[];

/** The value keys of a view type. */
export type ValueKey<V extends View> = keyof V["values"] & string;
/** The table names of a view type. */
export type TableName<V extends View> = keyof NonNullable<V["tables"]> & string;

/** A view's value, or a build error naming what is missing (a prose value that names no key must not ship as blank). */
export function valueOf<V extends View>(view: V, key: ValueKey<V>, where = "view"): string {
  const text = (view.values as Record<string, string | undefined>)[key];
  if (text === undefined) throw new Error(`${where}: no value named '${key}' (known: ${Object.keys(view.values).join(", ")})`);
  return text;
}

/** A view's table rows, or an error naming what is missing. */
export function rowsOf<V extends View>(view: V, table: TableName<V>, where = "view"): readonly TableRow[] {
  const rows = (view.tables as Record<string, readonly TableRow[] | undefined> | undefined)?.[table];
  if (rows === undefined) throw new Error(`${where}: no table named '${table}'`);
  return rows;
}
