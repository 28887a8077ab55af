/**
 * Learning-rate schedules as data, evaluated by a pure function of the step, so the engine, the page's plot of the
 * schedule and the tests agree on every value.
 */

export type Schedule =
  | { kind: "constant"; lr: number }
  /**
   * Smith & Topin's one-cycle policy as PyTorch's OneCycleLR computes it (anneal_strategy 'cos',
   * three_phase False): cosine warm-up from maxLr/divFactor to maxLr over the first pctStart of the steps,
   * then cosine decay to maxLr/(divFactor*finalDivFactor). Defaults are PyTorch's.
   */
  | { kind: "oneCycle"; maxLr: number; pctStart?: number; divFactor?: number; finalDivFactor?: number }
  /** lr * gamma^epoch, as PyTorch's StepLR(step_size=1) in the current mnist example (Adadelta, gamma 0.7). */
  | { kind: "epochDecay"; lr: number; gamma: number };

function cosineAnneal(start: number, end: number, pct: number): number {
  return end + ((start - end) / 2) * (1 + Math.cos(Math.PI * pct));
}

/**
 * Learning rate for optimizer step `step` (0-based) of `totalSteps`; `stepsPerEpoch` is only read by epochDecay.
 */
export function learningRateAt(schedule: Schedule, step: number, totalSteps: number, stepsPerEpoch = totalSteps): number {
  switch (schedule.kind) {
    case "constant":
      return schedule.lr;
    case "epochDecay":
      return schedule.lr * schedule.gamma ** Math.floor(step / stepsPerEpoch);
    case "oneCycle": {
      const pctStart = schedule.pctStart ?? 0.3;
      const initial = schedule.maxLr / (schedule.divFactor ?? 25);
      const min = initial / (schedule.finalDivFactor ?? 1e4);
      // PyTorch's phase boundaries are step indices: warm-up ends at pctStart*total - 1, decay at total - 1.
      const warmEnd = pctStart * totalSteps - 1;
      const last = totalSteps - 1;
      if (step <= warmEnd) return cosineAnneal(initial, schedule.maxLr, warmEnd <= 0 ? 1 : step / warmEnd);
      return cosineAnneal(schedule.maxLr, min, last <= warmEnd ? 1 : (step - warmEnd) / (last - warmEnd));
    }
  }
}
