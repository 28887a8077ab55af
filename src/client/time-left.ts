/**
 * An estimate of the time a run has left, from how long it took to get this far: pure, so the wording and the
 * rounding are tested without a clock. Early on an estimate is noise, so there is none before `MIN_ELAPSED_MS` and
 * `MIN_FRACTION`; it is rounded coarsely (5 s under a minute, whole minutes under an hour) so it does not flicker.
 */
export const MIN_ELAPSED_MS = 3_000;
export const MIN_FRACTION = 0.02;

/**
 * "about 45 s left", "about 3 min left", "about 1 h 20 min left": the rest of the run at the pace from `from` (the
 * fraction when the clock started) to `fraction` over `elapsedMs`; undefined while too early to tell or once done.
 */
export function timeLeftText(elapsedMs: number, fraction: number, from = 0): string | undefined {
  const done = fraction - from;
  if (!(done >= MIN_FRACTION) || fraction >= 1 || elapsedMs < MIN_ELAPSED_MS) return undefined;
  const leftS = ((1 - fraction) * elapsedMs) / done / 1000;
  return `about ${durationText(leftS)} left`;
}

/** A duration in the same coarse steps: "5 s" at the least, then "1 min", "59 min", "1 h", "2 h 5 min". */
export function durationText(seconds: number): string {
  if (seconds < 57.5) return `${Math.max(5, Math.round(seconds / 5) * 5)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/**
 * Follows one run's progress and says the time left. A fraction that goes back (a new phase: the download done, the
 * training starts at 0) restarts the clock, so the estimate is always of the phase under way.
 */
export class TimeLeft {
  private start: { t: number; fraction: number } | undefined;
  private last = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  update(fraction: number): string | undefined {
    const t = this.now();
    if (this.start === undefined || fraction < this.last) this.start = { t, fraction };
    this.last = fraction;
    return timeLeftText(t - this.start.t, fraction, this.start.fraction);
  }
}
