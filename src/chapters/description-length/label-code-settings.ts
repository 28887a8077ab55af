/**
 * The live label-code island's one setting (how many labels), as a field table: URL parameter `labels.n`, the form
 * control of the same name and the job's property, limited to the sizes the reference run encoded.
 */
import { formatInt } from "../../lib/format.ts";
import { LIVE_LABEL_DEFAULT, LIVE_LABEL_SIZES } from "../../lib/mdl/label-code-live.ts";
import type { FieldTable } from "../../lib/settings.ts";

export interface LabelCodeSettings {
  n: number;
}

export const LABEL_CODE_PREFIX = "labels.";
export const LABEL_CODE_DEFAULTS: LabelCodeSettings = { n: LIVE_LABEL_DEFAULT };

export const LABEL_CODE_FIELDS: FieldTable<LabelCodeSettings> = {
  n: {
    key: "n",
    parse: (raw) => {
      const n = Number(raw);
      if (!/^\d{1,7}$/.test(raw) || !LIVE_LABEL_SIZES.includes(n)) throw new Error(`expected one of ${LIVE_LABEL_SIZES.join(", ")}`);
      return n;
    },
  },
};

export const LABEL_SIZE_OPTIONS: ReadonlyArray<{ value: string; label: string }> = LIVE_LABEL_SIZES.map((s) => ({
  value: String(s),
  label: `first ${formatInt(s)}`,
}));
