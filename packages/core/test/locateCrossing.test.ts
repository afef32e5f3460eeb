import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { locateCrossing } from '../src/integration/locateCrossing.js';
import { ScheduleQueue } from '../src/integration/scheduleQueue.js';

describe('locateCrossing (internal): far side of the crossing, within xtol', () => {
  it('property: cubic with a known simple root, both orientations', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -5, max: 5, noNaN: true }), // root
        fc.double({ min: 1e-3, max: 3, noNaN: true }), // distance to the left end
        fc.double({ min: 1e-3, max: 3, noNaN: true }), // distance to the right end
        fc.double({ min: 0.1, max: 10, noNaN: true }), // slope
        fc.boolean(),
        fc.double({ min: 1e-14, max: 1e-6, noNaN: true }), // xtol
        (r, da, db, slope, up, xtol) => {
          const sgn = up ? 1 : -1;
          // strictly monotone through r: slope·(x − r) + (x − r)³
          const g = (x: number) => sgn * (slope * (x - r) + (x - r) ** 3);
          const a = r - da;
          const b = r + db;
          const x = locateCrossing(g, a, g(a), b, g(b), xtol);
          const gx = g(x);
          const far = gx === 0 || Math.sign(gx) === Math.sign(g(b));
          // xtol plus brent's relative term 4ε|x| plus one nudge of the same size
          const within = Math.abs(x - r) <= 2 * (xtol + 4 * Number.EPSILON * Math.abs(x)) + 4 * Number.EPSILON * Math.abs(r);
          return far && within && x > a && x <= b;
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
  it('returns b when g(b) = 0, and NaN when g is NaN inside the bracket', () => {
    expect(locateCrossing((x) => x - 1, 0, -1, 1, 0, 1e-12)).toBe(1);
    expect(locateCrossing(() => Number.NaN, 0, -1, 1, 1, 1e-12)).toBeNaN();
  });
  it('a root at the left end of a flat-topped function: still on the far side', () => {
    // g = −1 on [0, 0.5), +1 on [0.5, 1]: a jump, located to xtol, returned on the + side
    const g = (x: number) => (x < 0.5 ? -1 : 1);
    const x = locateCrossing(g, 0, -1, 1, 1, 1e-12);
    expect(g(x)).toBe(1);
    expect(x - 0.5).toBeLessThan(2e-12);
    expect(x).toBeGreaterThanOrEqual(0.5);
  });
});

describe('ScheduleQueue (internal): a min-heap by time, FIFO on ties', () => {
  it('property: pops in (time, insertion) order for random interleaved pushes and pops', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }).map((t) => ({ push: t })), fc.constant({ pop: true })), { maxLength: 200 }),
        (ops) => {
          const q = new ScheduleQueue();
          const model: { t: number; id: number }[] = [];
          let id = 0;
          for (const op of ops) {
            if ('push' in op) {
              const myId = id++;
              const affect = () => myId;
              q.push(op.push, affect as never);
              model.push({ t: op.push, id: myId });
              model.sort((x, y) => x.t - y.t || x.id - y.id);
            } else {
              const got = q.pop();
              const want = model.shift();
              if (want === undefined) {
                if (got !== undefined) return false;
              } else if (got === undefined || got.t !== want.t || (got.affect as unknown as () => number)() !== want.id) {
                return false;
              }
            }
            if (q.size !== model.length || q.peekTime() !== (model[0]?.t ?? Infinity)) return false;
          }
          return true;
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});
