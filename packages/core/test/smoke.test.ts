import { describe, expect, it } from 'vitest';
import { Solver } from 'odex';

describe('odex is importable', () => {
  it('integrates y\' = y to e', () => {
    const s = new Solver(1);
    s.absoluteTolerance = s.relativeTolerance = 1e-12;
    const r = s.solve((_x: number, y: number[]) => [y[0]], 0, [1], 1);
    // rtol 1e-12 over one unit of growth: global error well under 1e-10
    expect(Math.abs(r.y[0] - Math.E)).toBeLessThan(1e-10);
  });
});
