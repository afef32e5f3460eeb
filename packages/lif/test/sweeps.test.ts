import { describe, expect, it } from 'vitest';
import { isiVsTauK, nSpikes, rateVsV0, spikeCountVsDg, spikeTime, steadyStateIsi, tStar } from '@neurobridge/lif';
import { exam } from './helpers.js';

describe('sweeps for the demo', () => {
  it('spikeCountVsDg: simulated = Eq. (6) for tauK = Infinity, td = 0; count falls with dg', () => {
    const dgs = [1 / 64, 0.02, 0.05, 0.1, 0.2, 0.5, 1];
    const rows = spikeCountVsDg(exam, dgs);
    expect(rows.map((r) => r.dg)).toEqual(dgs);
    for (const r of rows) expect(r.simulated).toBe(r.predicted);
    expect(rows.map((r) => r.predicted)).toEqual(dgs.map((dg) => nSpikes({ ...exam, dg })));
    expect(rows[0].simulated).toBe(32); // g*/dg = 0.5·64 exactly: the integer edge case
  });

  it('isiVsTauK: exact ISI, t* and their relative error (error shrinks as tauK grows)', () => {
    const rows = isiVsTauK({ ...exam, dg: 0.05 }, [100, 1000, 10000]);
    for (const r of rows) {
      expect(r.isi).toBe(steadyStateIsi({ ...exam, dg: 0.05, tauK: r.tauK }));
      expect(r.tStar).toBe(tStar({ ...exam, dg: 0.05, tauK: r.tauK }));
      expect(r.relError).toBeCloseTo((r.tStar - r.isi) / r.isi, 15);
    }
    expect(Math.abs(rows[2].relError)).toBeLessThan(Math.abs(rows[1].relError));
    expect(Math.abs(rows[1].relError)).toBeLessThan(Math.abs(rows[0].relError));
  });

  it('rateVsV0: adaptation lowers the rate; simulated steady rate ≈ 1000/steadyStateIsi', () => {
    const rows = rateVsV0({ ...exam, dg: 0.05, tauK: 200 }, [20, 30, 40]);
    for (const r of rows) {
      expect(r.rateNoAdaptation).toBeCloseTo(1000 / spikeTime({ ...exam, V0: r.V0 }, 0), 10);
      expect(r.rateSimulated).toBeLessThan(r.rateNoAdaptation);
      // counting spikes in a 2 s window: ±1 spike → ±0.5 Hz
      expect(Math.abs(r.rateSimulated - r.rateSteady)).toBeLessThanOrEqual(0.5 + 1e-9);
    }
    expect(rows[2].rateSimulated).toBeGreaterThan(rows[0].rateSimulated);
  });

  it('bad sweep input', () => {
    expect(() => spikeCountVsDg(exam, [0.1, -1])).toThrow(/dg must be >= 0; got -1/);
    expect(() => isiVsTauK(exam, [NaN])).toThrow(RangeError);
  });
});
