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

describe('classify — bad options and unbounded work (issue 16)', () => {
  it('unknown options and values of the wrong kind are TypeErrors, whatever the branch', () => {
    expect(() => classify(exam, { duraton: 5 } as never)).toThrow(/options\.duraton is not an option \(did you mean duration\?/);
    const p = { ...exam, dg: 0.05, tauK: 100, td: 5 };
    expect(() => classify(p, { duration: null } as never)).toThrow(/^options\.duration must be a number; got null$/);
    expect(() => classify(p, { regularity: '2' } as never)).toThrow(/^options\.regularity must be a number; got "2"$/);
    expect(() => classify(p, null as never)).toThrow(/^options must be an object; got null$/);
  });

  it('tauK = Infinity with a delay: a spike count beyond what simulation can count is refused up front, naming td or dg', () => {
    // before: ~3 s, then "duration must be finite and > 0 (ms); got Infinity" (a duration the user never passed)
    expect(() => classify({ ...exam, td: 1e300 })).toThrow(/classify: .*td = 1e\+300 ms.*allowed/);
    // before: 12 s, then "could not settle the spike count"
    expect(() => classify({ ...exam, dg: 1e-9, td: 5 })).toThrow(/classify: .*dg = 1e-9.*allowed/);
  });

  it('a simulation cut short by maxSpikes says so in the reason (not "simulated 4200 ms")', () => {
    const c = classify({ ...exam, V0: 1e300, td: 5, tauK: 100 });
    expect(c.class).toBe('tonic');
    expect(c.reason).toMatch(/stopped at t = .* of the 4200 ms asked \(maxSpikes/);
  });
});
