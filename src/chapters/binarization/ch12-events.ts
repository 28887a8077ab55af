/**
 * Document events by which the chapter 2 island shares live results with its neighbours on the page (the seed search
 * table and the bits ladder), so those render at build time on their own and only listen in the browser.
 */
/** detail: { train: PixelCounts; test: PixelCounts } once the data has loaded. */
export const STATS_COUNTS_EVENT = "mb-stats-counts";
/** detail: LadderInputs, whenever the binarization or a heavy result changes. */
export const LADDER_EVENT = "mb-ladder-inputs";
