import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { binCenter, binEdge, binIndex, resolveBins } from '@neurobridge/coding';

describe('resolveBins', () => {
  it('counts the bins that tile the window, tolerating decimal widths', () => {
    expect(resolveBins({ stop: 2000, width: 1 }).count).toBe(2000);
    expect(resolveBins({ start: 0.1, stop: 0.7, width: 0.1 }).count).toBe(6);
    expect(binEdge(resolveBins({ start: 0.1, stop: 0.7, width: 0.1 }), 6)).toBe(0.7);
  });
  it('rejects bins that do not tile the window, naming the width and the ratio', () => {
    expect(() => resolveBins({ stop: 1000, width: 3 })).toThrow(new RangeError('bins.width must divide the window [0, 1000) ms into whole bins; got width 3 ((stop − start)/width = 333.3333333333333)'));
    expect(() => resolveBins({ start: 5, stop: 5, width: 1 })).toThrow(/bins.stop must be > bins.start = 5/);
    expect(() => resolveBins({ stop: 10, width: -1 })).toThrow(/bins.width must be > 0/);
    expect(() => resolveBins({ stop: 10, widht: 1 } as never)).toThrow(/bins.widht is not a key of bins \(did you mean width\?/);
    expect(() => resolveBins({ stop: 1e9, width: 1 })).toThrow(/at most 1000000 bins/);
  });
  it('binIndex puts every time in the bin whose floating-point edges hold it (property)', () => {
    fc.assert(fc.property(
      fc.double({ min: -100, max: 100, noNaN: true }), fc.integer({ min: 1, max: 500 }), fc.double({ min: 1e-3, max: 10, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (start, count, width, frac) => {
        const b = resolveBins({ start, stop: start + count * width, width });
        const t = start + frac * count * width;
        const m = binIndex(b, t);
        if (t >= b.stop) return m === -1;
        return m >= 0 && m < b.count && binEdge(b, m) <= t && t < binEdge(b, m + 1);
      }), { numRuns: 2000 });
  });
  it('binIndex is −1 outside the window, and edges belong to the bin they open', () => {
    const b = resolveBins({ start: 0, stop: 1, width: 0.1 });
    expect(binIndex(b, -1e-12)).toBe(-1);
    expect(binIndex(b, 1)).toBe(-1);
    expect(binIndex(b, 0)).toBe(0);
    for (let m = 0; m < 10; m++) expect(binIndex(b, binEdge(b, m))).toBe(m);
    expect(binCenter(b, 0)).toBe(0.05);
  });
});
