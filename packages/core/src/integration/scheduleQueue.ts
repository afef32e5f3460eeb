/**
 * Priority queue of scheduled changes: a binary min-heap ordered by time, ties broken by
 * insertion order (so changes queued for the same instant run first-in, first-out).
 * Internal to `integrate`.
 */
import type { EventContext } from './integrateTypes.js';

export type ScheduledAffect = (t: number, y: Float64Array, ctx: EventContext) => void;

export interface QueuedChange {
  t: number;
  seq: number;
  affect: ScheduledAffect;
}

function before(a: QueuedChange, b: QueuedChange): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq);
}

export class ScheduleQueue {
  private readonly heap: QueuedChange[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Time of the earliest change, or Infinity when empty. */
  peekTime(): number {
    return this.heap.length > 0 ? this.heap[0].t : Infinity;
  }

  push(t: number, affect: ScheduledAffect): void {
    const heap = this.heap;
    const item: QueuedChange = { t, seq: this.seq++, affect };
    let i = heap.length;
    heap.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = item;
  }

  /** Remove and return the earliest change (undefined when empty). */
  pop(): QueuedChange | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0];
    const last = heap.pop() as QueuedChange;
    const n = heap.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const child = r < n && before(heap[r], heap[l]) ? r : l;
        if (!before(heap[child], last)) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }
}
