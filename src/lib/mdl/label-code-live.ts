/**
 * The live label-code island's choices, apart from the plan so the page's own script can read them without pulling in
 * the training engine (the plan names the model families, which brings TensorFlow.js with it).
 */
export const LIVE_LABEL_SIZES: readonly number[] = [1_024, 4_096, 16_384];
export const LIVE_LABEL_DEFAULT = 4_096;
