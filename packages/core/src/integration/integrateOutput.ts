/**
 * The output of `integrate`: the sample grid read from the dense output, or the default
 * output (s0, every handled event — the state before it and, after an affect, the state
 * after it — and sEnd), plus the event records. Internal to the driver (integrateDriver.ts),
 * on its forward axis s.
 */
import type { EventRecord } from './integrateTypes.js';
import type { Dense } from './integrateEvents.js';

/** Index of the first non-finite entry of y, or −1. */
export function firstNonFinite(y: Float64Array): number {
  for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i])) return i;
  return -1;
}

export class OutputRecorder {
  readonly t: number[];
  readonly y: Float64Array[];
  readonly records: EventRecord[] = [];
  /** handled events (continuous and scheduled) */
  nEvents = 0;
  /** the last default-output entry is the state after an event at the current time */
  holdsCurrent = false;
  private readonly defaultOutput: boolean;
  private readonly grid: Float64Array;
  private gi = 0;

  /** @param grid ascending sample times, or null for the default output */
  constructor(grid: Float64Array | null, s0: number, y0: Float64Array) {
    this.defaultOutput = grid === null;
    this.grid = grid ?? new Float64Array(0);
    this.t = this.defaultOutput ? [s0] : [];
    this.y = this.defaultOutput ? [y0.slice()] : [];
  }

  /** Record a handled event (state before its affect); the default output keeps it too. */
  recordEvent(s: number, state: Float64Array, index: number): void {
    const copy = state.slice();
    this.records.push({ t: s, y: copy, index });
    this.nEvents++;
    if (this.defaultOutput) {
      this.t.push(s);
      this.y.push(copy.slice());
      this.holdsCurrent = false;
    }
  }

  /** After an affect: the default output keeps the new state, unless it is not finite. */
  afterAffect(s: number, state: Float64Array): void {
    if (!this.defaultOutput || firstNonFinite(state) >= 0) return;
    this.t.push(s);
    this.y.push(state.slice());
    this.holdsCurrent = true;
  }

  /** After a passive event handled at a stop: the entry just recorded is the current state. */
  recordedIsCurrent(): void {
    if (this.defaultOutput) this.holdsCurrent = true;
  }

  /** Grid samples at or before the current time s, all with the state y. */
  emitAtCurrent(s: number, y: Float64Array): void {
    const grid = this.grid;
    while (this.gi < grid.length && grid[this.gi] <= s) {
      this.t.push(grid[this.gi++]);
      this.y.push(y.slice());
    }
  }

  /** Grid samples inside the step ending at x (state yEnd), before `limit` (or at it, if inclusive). */
  emitInStep(dense: Dense, x: number, yEnd: Float64Array, limit: number, inclusive: boolean): void {
    const grid = this.grid;
    const n = yEnd.length;
    while (this.gi < grid.length && (grid[this.gi] < limit || (inclusive && grid[this.gi] === limit))) {
      const s = grid[this.gi++];
      const ys = new Float64Array(n);
      if (s === x) ys.set(yEnd);
      else for (let c = 0; c < n; c++) ys[c] = dense(c, s);
      this.t.push(s);
      this.y.push(ys);
    }
  }

  /** Close the default output with the final state, unless it already ends with it. */
  finish(s: number, y: Float64Array): void {
    if (this.defaultOutput && !(this.holdsCurrent && this.t[this.t.length - 1] === s)) {
      this.t.push(s);
      this.y.push(y.slice());
    }
  }
}
