/**
 * Repeats, after everything else, each failure of the run: failed and timed-out tests with their errors, errors that
 * belong to no test, and tests that did not run. CI keeps only the tail of the output, where the list reporter's own
 * account of a failure (printed when it happened) may already have scrolled away.
 */
import type { FullResult, Reporter, TestCase, TestError, TestResult } from "@playwright/test/reporter";

const clip = (s: string | undefined, n = 1500): string => (s === undefined ? "" : s.length > n ? `${s.slice(0, n)}…` : s);

export default class SummaryReporter implements Reporter {
  private failures: string[] = [];
  private loose: string[] = [];
  private started = new Set<TestCase>();
  private all: TestCase[] = [];

  onBegin(_config: unknown, suite: { allTests(): TestCase[] }): void {
    this.all = suite.allTests();
  }

  onTestBegin(test: TestCase): void {
    this.started.add(test);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status === "failed" || result.status === "timedOut" || result.status === "interrupted") {
      const errors = result.errors.map((e) => clip(e.message ?? e.value)).join("\n");
      this.failures.push(`${result.status}: ${test.titlePath().filter(Boolean).join(" › ")}\n${errors}`);
    }
  }

  onError(error: TestError): void {
    this.loose.push(clip(`${error.message ?? error.value ?? ""}\n${error.stack ?? ""}`, 3000));
  }

  onEnd(result: FullResult): void {
    const notRun = this.all
      .filter((t) => !this.started.has(t) && t.expectedStatus !== "skipped")
      .map((t) => t.titlePath().filter(Boolean).join(" › "));
    if (this.failures.length + this.loose.length + notRun.length === 0) return;
    console.log(`\n==== failures of this run (status ${result.status}) ====`);
    for (const f of this.failures) console.log(`\n${f}`);
    for (const e of this.loose) console.log(`\nerror outside any test:\n${e}`);
    for (const t of notRun) console.log(`\ndid not run: ${t}`);
  }
}
