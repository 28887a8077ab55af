/**
 * A file the page made (a blob URL) offered in a row the build left empty: a link without an address is not one, so
 * the link exists only while there is something to download. Offering again replaces the link and revokes the old URL.
 */
export class DownloadRow {
  private url: string | undefined;

  constructor(private readonly row: HTMLElement) {}

  /** `label` gets the file's size in bytes; `marker` names the link's data attribute, for tests and styles. */
  offer(content: BlobPart, o: { type: string; fileName: string; marker: string; label: (bytes: number) => string }): HTMLAnchorElement {
    this.forget();
    const blob = new Blob([content], { type: o.type });
    this.url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.dataset[o.marker] = "";
    // Astro's hover prefetch takes a blob: URL for a same-origin page, and the CSP refuses to fetch it.
    link.dataset["astroPrefetch"] = "false";
    link.href = this.url;
    link.download = o.fileName;
    link.textContent = o.label(blob.size);
    this.row.append(link);
    this.row.hidden = false;
    return link;
  }

  forget(): void {
    if (this.url !== undefined) URL.revokeObjectURL(this.url);
    this.url = undefined;
    this.row.replaceChildren();
    this.row.hidden = true;
  }
}
