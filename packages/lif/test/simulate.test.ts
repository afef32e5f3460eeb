import { describe, expect, it } from 'vitest';
import { simulate, spikeTime, gStar } from '@neurobridge/lif';
import { bisect, exam, integratingFactorU, scaledError } from './helpers.js';

describe('simulate — bad input', () => {
  const ok = { ...exam, dg: 0.1, tauK: 100, td: 2 };
  it.each([
    [{ tau: 0 }, /tau must be > 0 \(ms\); got 0/],
    [{ tau: -3 }, /tau must be > 0 \(ms\); got -3/],
    [{ tau: Infinity }, /tau must be finite; got Infinity/],
    [{ dg: -0.1 }, /dg must be >= 0; got -0.1/],
    [{ td: -1 }, /td must be >= 0 \(ms\); got -1/],
    [{ td: Infinity }, /td must be finite; got Infinity/],
    [{ tauK: 0 }, /tauK must be > 0 \(ms, or Infinity\); got 0/],
    [{ tauK: -5 }, /tauK must be > 0 \(ms, or Infinity\); got -5/],
    [{ tauK: NaN }, /tauK must be > 0 \(ms, or Infinity\); got NaN/],
    [{ V0: NaN }, /V0 must be finite; got NaN/],
    [{ theta: 0 }, /theta must be > 0 \(mV\); got 0/],
    [{ Delta: -20 }, /Delta must be > −theta/],
  ])('params %o → RangeError', (bad, msg) => {
    expect(() => simulate({ ...ok, ...bad }, { duration: 10 })).toThrow(RangeError);
    expect(() => simulate({ ...ok, ...bad }, { duration: 10 })).toThrow(msg);
  });

  it('wrong kinds → TypeError', () => {
    expect(() => simulate({ ...ok, tau: '10' as unknown as number }, { duration: 10 })).toThrow(TypeError);
    expect(() => simulate(null as unknown as typeof ok, { duration: 10 })).toThrow(TypeError);
    expect(() => simulate(ok, undefined as unknown as { duration: number })).toThrow(TypeError);
  });

  it.each([
    [{ duration: 0 }, /duration must be finite and > 0 \(ms\); got 0/],
    [{ duration: Infinity }, /duration must be finite and > 0/],
    [{ duration: 10, maxSpikes: -1 }, /maxSpikes must be an integer >= 0; got -1/],
    [{ duration: 10, maxSpikes: 1.5 }, /maxSpikes must be an integer/],
    [{ duration: 10, g0: -1 }, /g0 must be finite and >= 0; got -1/],
    [{ duration: 10, u0: 15 }, /u0 must be finite and < theta = 15 \(mV\); got 15/],
    [{ duration: 10, record: { dt: 0 } }, /record.dt must be finite and > 0/],
    [{ duration: 10, record: [1, 0.5] }, /record times must be ascending/],
    [{ duration: 10, record: [11] }, /record\[0\] must be a time in \[0, duration = 10\]; got 11/],
    [{ duration: 1e9, record: { dt: 1e-3 } }, /record grid must have <= 10000000 samples/],
    [{ duration: 10, method: 'rk4' as 'exact' }, /method must be 'exact' or 'odex'; got rk4/],
  ])('options %o → RangeError', (o, msg) => {
    expect(() => simulate(ok, o)).toThrow(RangeError);
    expect(() => simulate(ok, o)).toThrow(msg);
  });

  it('unknown or misspelt options are a TypeError naming the option (issue 16)', () => {
    expect(() => simulate(ok, { duration: 10, maxspikes: 3 } as never)).toThrow(TypeError);
    expect(() => simulate(ok, { duration: 10, maxspikes: 3 } as never))
      .toThrow(/options\.maxspikes is not an option \(did you mean maxSpikes\? known: duration, maxSpikes, g0, u0, record, method, maxSteps, rtol, atol\)/);
    expect(() => simulate(ok, { duration: 10, Method: 'odex' } as never)).toThrow(/options\.Method .*did you mean method\?/);
    expect(() => simulate(ok, { duration: 10, record: { dt: 1, DT: 2 } } as never)).toThrow(/options\.record\.DT is not a key of options\.record .*did you mean dt\?/);
    // every documented option is still accepted
    const r = simulate(ok, { duration: 10, maxSpikes: 5, g0: 0.1, u0: 1, record: { dt: 1 }, method: 'odex', maxSteps: 1e6, rtol: 1e-10, atol: 1e-10 });
    expect(r.status).toBe('success');
    expect(simulate(ok, { duration: 10, record: new Float64Array([0, 5, 10]) }).trace!.t.length).toBe(3);
  });

  it.each([
    ['duration', { duration: '10' }, /^duration must be a number; got "10"$/],
    ['duration', { duration: null }, /^duration must be a number; got null$/],
    ['maxSpikes', { duration: 10, maxSpikes: '3' }, /^maxSpikes must be an integer; got "3"$/],
    ['maxSpikes', { duration: 10, maxSpikes: null }, /^maxSpikes must be an integer; got null$/],
    ['maxSteps', { duration: 10, maxSteps: null }, /^maxSteps must be an integer; got null$/],
    ['g0', { duration: 10, g0: '0.5' }, /^g0 must be a number; got "0.5"$/],
    ['g0', { duration: 10, g0: null }, /^g0 must be a number; got null$/],
    ['u0', { duration: 10, u0: null }, /^u0 must be a number; got null$/],
    ['rtol', { duration: 10, rtol: null }, /^rtol must be a number; got null$/],
    ['atol', { duration: 10, atol: '1e-9' }, /^atol must be a number; got "1e-9"$/],
    ['method', { duration: 10, method: null }, /^method must be 'exact' or 'odex'; got null$/],
    ['record.dt', { duration: 10, record: { dt: '0.1' } }, /^record\.dt must be a number; got "0\.1"$/],
    ['record[1]', { duration: 10, record: [0, '5'] }, /^record\[1\] must be a number \(ms\); got "5"$/],
  ])('option %s given as a string or null → TypeError, not a default (issue 16)', (_name, o, msg) => {
    expect(() => simulate(ok, o as never)).toThrow(TypeError);
    expect(() => simulate(ok, o as never)).toThrow(msg);
  });

  it('V0 ≤ theta is valid and silent (u relaxes to V0)', () => {
    for (const V0 of [15, 10, -20]) {
      for (const method of ['exact', 'odex'] as const) {
        const r = simulate({ ...ok, V0 }, { duration: 500, method });
        expect(r.spikes.length).toBe(0);
        expect(r.truncated).toBe(false);
        expect(r.status).toBe('success');
        expect(Math.abs(r.uEnd - V0)).toBeLessThan(1e-9 * 15); // 50 tau: e^-50 ≈ 2e-22
      }
    }
    // V0 = theta with a decaying g (Taylor panels): u creeps up to theta and converges to it
    // in floating point; it must still never fire.
    const r = simulate({ ...ok, V0: 15 }, { duration: 5000, g0: 1 });
    expect(r.spikes.length).toBe(0);
    expect(r.uEnd).toBeLessThanOrEqual(15);
  });
});

describe('simulate — bounds', () => {
  it('stops at maxSpikes with truncated: true and a reason (both methods)', () => {
    const p = { ...exam, dg: 0 };
    for (const method of ['exact', 'odex'] as const) {
      const r = simulate(p, { duration: 1000, maxSpikes: 5, method });
      expect(r.truncated).toBe(true);
      expect(r.status).toBe('maxSpikes');
      expect(r.spikes.length).toBe(5);
      expect(r.reason).toMatch(/maxSpikes \(5\) reached: spike 6 would occur at t = 41\.5/);
      expect(scaledError(r.tEnd, 6 * spikeTime(p, 0), 1e-9)).toBeLessThan(1);
    }
    const full = simulate(p, { duration: 1000 });
    expect(full.truncated).toBe(false);
    expect(full.reason).toBe('');
    expect(full.spikes.length).toBe(Math.floor(1000 / spikeTime(p, 0)));
  });

  it('maxSpikes far beyond what memory can hold is refused up front when the duration allows that many spikes (issue 16)', () => {
    // before: the process ran out of memory growing the spike array
    expect(() => simulate({ ...exam, dg: 0, V0: 1e300 }, { duration: 1e12, maxSpikes: 1e15 })).toThrow(
      /^maxSpikes = 1000000000000000 with duration = 1000000000000 ms allows up to .* spikes \(duration\/t_s\(0\) \+ 1\); allowed: at most 100000000 spike times per run$/,
    );
    // a huge maxSpikes with a duration that only allows a few spikes is fine
    expect(simulate(exam, { duration: 100, maxSpikes: 1e15 }).spikes.length).toBe(5);
  });

  it('stops at maxSteps with a reason instead of running on', () => {
    const r = simulate({ ...exam, tauK: 100 }, { duration: 1e7, maxSteps: 1000 });
    expect(r.truncated).toBe(true);
    expect(r.status).toBe('maxSteps');
    expect(r.reason).toMatch(/maxSteps \(1000\) integration panels reached at t = /);
    expect(r.tEnd).toBeLessThan(1e7);
  });
});

describe('simulate — accuracy', () => {
  it('finite tauK: first spike from g0 > 0 matches the integrating-factor formula (Gauss–Legendre) to 1e-12', () => {
    for (const [tauK, g0] of [
      [50, 0.3],
      [5, 2],
      [1000, 0.45],
      [2, 10],
    ]) {
      const p = { ...exam, dg: 0, tauK };
      const r = simulate(p, { duration: 1000, g0, maxSpikes: 1 });
      const t1 = r.spikes[0];
      // the GL reference: 16 panels × 16 nodes on [0, s] (integrand smooth, ≤ e^3 per panel)
      const ref = bisect((s) => integratingFactorU(p, 0, g0, s, 64) - p.theta, 0.5 * t1, 2 * t1);
      expect(scaledError(t1, ref, 1e-12)).toBeLessThan(1);
    }
  });

  it("'exact' and 'odex' (core integrate, events + ctx.schedule) agree to 1e-9 on every spike", () => {
    const cases = [
      { ...exam, dg: 0.05, tauK: 200, td: 0 },
      { ...exam, dg: 0.05, tauK: 200, td: 5 },
      { ...exam, V0: 25, dg: 0.2, tauK: 20, td: 60 },
      { ...exam, V0: 40, dg: 0.1, tauK: Infinity, td: 7 },
      { ...exam, tau: 5, V0: 60, dg: 0.5, tauK: 3, td: 1 },
    ];
    for (const p of cases) {
      const a = simulate(p, { duration: 400, g0: 0.1 });
      const b = simulate(p, { duration: 400, g0: 0.1, method: 'odex' });
      expect(b.status).toBe('success');
      expect(a.spikes.length).toBe(b.spikes.length);
      expect(a.spikes.length).toBeGreaterThan(3);
      for (let i = 0; i < a.spikes.length; i++) expect(scaledError(a.spikes[i], b.spikes[i], 1e-9)).toBeLessThan(1);
      expect(scaledError(a.gEnd, b.gEnd, 1e-9, 1e-12)).toBeLessThan(1);
    }
  });

  it('delayed jumps land at t_k + td exactly: with tauK = Infinity the ISIs are closed forms', () => {
    // V0 = 30, dg = 0.1, td = 1.5 t_s(0): spike 1 at t_s(0); its jump at t_s(0) + td falls
    // inside the second interval, which therefore ends at the piecewise closed form.
    const p = { ...exam, dg: 0.1, tauK: Infinity, td: 10 };
    const r = simulate(p, { duration: 30 });
    const ts0 = spikeTime(p, 0);
    const tJump = ts0 + 10;
    // u after the second reset at 2 t_s(0) < tJump: at tJump, u = V0 (1 − e^{−(tJump − 2ts0)/tau})
    const uJ = 30 * -Math.expm1(-(tJump - 2 * ts0) / 10);
    const uInf = (30 - 0.1 * 15) / 1.1;
    const rest = (10 / 1.1) * Math.log((uInf - uJ) / (uInf - 15));
    expect(r.spikes[0]).toBeCloseTo(ts0, 13);
    expect(scaledError(r.spikes[1], 2 * ts0, 1e-14)).toBeLessThan(1);
    expect(scaledError(r.spikes[2], tJump + rest, 1e-13)).toBeLessThan(1);
  });
});

describe('simulate — record', () => {
  it('samples u and g on the grid; constant-g segments match Eq. (9)', () => {
    const g0 = 0.2;
    const p = { ...exam, dg: 0, tauK: Infinity };
    const r = simulate(p, { duration: 5, g0, record: { dt: 0.5 } });
    expect(r.trace?.t.length).toBe(11);
    const tr = r.trace!;
    for (let i = 0; i < tr.t.length; i++) {
      const uEq9 = ((30 - g0 * 15) / (1 + g0)) * -Math.expm1((-tr.t[i] * (1 + g0)) / 10);
      expect(Math.abs(tr.u[i] - uEq9)).toBeLessThan(1e-13);
      expect(tr.g[i]).toBe(g0);
    }
  });

  it("'exact' and 'odex' traces agree (finite tauK, delayed jumps)", () => {
    const p = { ...exam, dg: 0.3, tauK: 40, td: 3 };
    const times = Array.from({ length: 200 }, (_, i) => i * 0.997);
    const a = simulate(p, { duration: 200, record: times }).trace!;
    const b = simulate(p, { duration: 200, record: times, method: 'odex' }).trace!;
    expect(a.t.length).toBe(200);
    expect(b.t.length).toBe(200);
    for (let i = 0; i < 200; i++) {
      expect(Math.abs(a.u[i] - b.u[i])).toBeLessThan(1e-8);
      expect(Math.abs(a.g[i] - b.g[i])).toBeLessThan(1e-10);
    }
  });

  it('g decays as e^{−t/tauK} between jumps in the trace', () => {
    const p = { ...exam, V0: 10, dg: 0, tauK: 25 };
    const tr = simulate(p, { duration: 100, g0: 2, record: { dt: 10 } }).trace!;
    for (let i = 0; i < tr.t.length; i++) expect(scaledError(tr.g[i], 2 * Math.exp(-tr.t[i] / 25), 1e-14)).toBeLessThan(1);
    // and u follows the integrating-factor formula
    for (let i = 1; i < tr.t.length; i++) {
      expect(Math.abs(tr.u[i] - integratingFactorU(p, 0, 2, tr.t[i], 64))).toBeLessThan(1e-12);
    }
  });

  it('a truncated run returns the trace up to the stop only', () => {
    const r = simulate({ ...exam, dg: 0 }, { duration: 100, maxSpikes: 2, record: { dt: 1 } });
    const tr = r.trace!;
    expect(tr.t[tr.t.length - 1]).toBeLessThan(r.tEnd);
    expect(tr.t.length).toBe(Math.ceil(r.tEnd));
    expect(gStar(exam)).toBe(0.5);
  });
});

describe('simulate — small tauK', () => {
  it('g decaying below 1e-20 is flushed to 0 and the run continues in closed form (same spikes as odex)', () => {
    const p = { ...exam, dg: 0.5, tauK: 0.01, td: 3 };
    const a = simulate(p, { duration: 200 });
    const b = simulate(p, { duration: 200, method: 'odex' });
    expect(a.spikes.length).toBe(b.spikes.length);
    expect(a.spikes.length).toBeGreaterThan(20);
    for (let i = 0; i < a.spikes.length; i++) expect(scaledError(a.spikes[i], b.spikes[i], 1e-9)).toBeLessThan(1);
    // each jump costs at most ~ln(0.5/1e-20)/ln(4/3) ≈ 158 panels of 0.29 tauK
    expect(a.stats.steps).toBeLessThan(170 * a.stats.jumps + 10);
  });
});
