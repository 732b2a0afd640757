/** Test scaffolding: a clock for the client's watch (watchdog.ts) whose timers fire only when a test moves it. */
import type { WatchClock } from './watchdog.ts';

/** Timers that fire only when the test moves the clock. */
export class ManualClock implements WatchClock {
  t = 0;
  private timers = new Map<number, { at: number; f: () => void }>();
  private next = 1;
  now = () => this.t;
  setTimeout = (f: () => void, ms: number): number => {
    this.timers.set(this.next, { at: this.t + ms, f });
    return this.next++;
  };
  clearTimeout = (h: unknown): void => {
    this.timers.delete(h as number);
  };
  get pending(): number {
    return this.timers.size;
  }
  /** Move the clock, firing what falls due, in order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, x]) => x.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = due[1].at;
      due[1].f();
    }
    this.t = end;
  }
}
