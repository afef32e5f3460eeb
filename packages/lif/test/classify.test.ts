import { describe, expect, it } from 'vitest';
import { classify, nSpikes, simulate, spikeTime, steadyStateIsi } from '@neurobridge/lif';
import { exam } from './helpers.js';

describe('classify', () => {
  it('silent when V0 ≤ theta', () => {
    const c = classify({ ...exam, V0: 15 });
    expect(c.class).toBe('silent');
    expect(c.reason).toMatch(/V0 = 15 <= theta = 15/);
  });

  it('tonic without adaptation, ISI t_s(0)', () => {
    const c = classify({ ...exam, dg: 0 });
    expect(c.class).toBe('tonic');
    expect(c.isi).toBe(spikeTime(exam, 0));
  });

  it('finite for tauK = Infinity: n_spikes (td = 0), simulated count (td > 0)', () => {
    const c = classify({ ...exam, dg: 0.12 });
    expect(c).toMatchObject({ class: 'finite', spikes: nSpikes({ ...exam, dg: 0.12 }) });
    const p = { ...exam, dg: 0.12, td: 20 };
    const d = classify(p);
    expect(d.class).toBe('finite');
    // independent: a very long run has the same count and nothing after
    const r = simulate(p, { duration: 1e6 });
    expect(d.spikes).toBe(r.spikes.length);
    expect(d.spikes).toBeGreaterThan(nSpikes(p));
  });

  it('tonic for td = 0, finite tauK, with the exact steady ISI', () => {
    const p = { ...exam, dg: 0.05, tauK: 200 };
    const c = classify(p);
    expect(c.class).toBe('tonic');
    expect(c.isi).toBe(steadyStateIsi(p));
  });

  it('bursting in the Q4 regime; tonic for a short delay', () => {
    const b = classify({ ...exam, dg: 0.2, tauK: 100, td: 1000 });
    expect(b.class).toBe('bursting');
    expect(b.spikesPerBurst).toBe(140);
    expect(b.reason).toMatch(/bursts of 140 spikes/);
    const t = classify({ ...exam, dg: 0.05, tauK: 200, td: 2 });
    expect(t.class).toBe('tonic');
    expect(t.reason).toMatch(/regular after the transient/);
  });
});
