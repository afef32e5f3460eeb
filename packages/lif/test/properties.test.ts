import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  classify, findBursts, gStar, isiVsTauK, nSpikes, passageTime, rateVsV0, resolveParams, simulate, spikeCountVsDg, spikeTime,
  steadyState, steadyStateIsi, tStar, toPhysical,
} from '@neurobridge/lif';

/** Random valid parameters: both tauK = Infinity and finite, td = 0 and > 0. */
const params = fc.record({
  tau: fc.double({ min: 1, max: 30, noNaN: true }),
  V0: fc.double({ min: 15.01, max: 80, noNaN: true }),
  Delta: fc.double({ min: 0, max: 30, noNaN: true }),
  theta: fc.double({ min: 5, max: 25, noNaN: true }),
  dg: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
  tauK: fc.oneof(fc.constant(Infinity), fc.double({ min: 0.5, max: 2000, noNaN: true })),
  td: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 100, noNaN: true })),
});

describe('simulate — properties (fast-check, seed 42)', () => {
  it('spike times strictly increase; u ≤ theta in the trace; every ISI ≥ t_s(0)', () => {
    let withSpikes = 0;
    fc.assert(
      fc.property(params, (p0) => {
        const p = { ...p0, V0: Math.max(p0.V0, p0.theta + 0.01) };
        const r = simulate(p, { duration: 400, record: { dt: 0.37 }, maxSpikes: 100_000 });
        const s = r.spikes;
        const ts0 = spikeTime(p, 0);
        if (s.length > 0) {
          withSpikes++;
          // From u = 0, g ≥ 0 only slows the rise (−g(u + Δ) ≤ 0 for u ≥ −Δ), so the first
          // spike and every ISI take at least t_s(0); 1e-12 allows for rounding in t.
          if (!(s[0] >= ts0 * (1 - 1e-12))) return false;
        }
        for (let i = 1; i < s.length; i++) {
          if (!(s[i] > s[i - 1])) return false;
          if (!(s[i] - s[i - 1] >= ts0 * (1 - 1e-12) - 1e-12 * s[i])) return false;
        }
        const u = r.trace!.u;
        // the dense output (polynomial or closed form) before a crossing stays below theta; 1e-12
        // allows for rounding (measured on a 0.0137 ms grid, same seed: max (u − θ)/θ = −1.1e-9)
        for (let i = 0; i < u.length; i++) if (!(u[i] <= p.theta * (1 + 1e-12))) return false;
        return r.trace!.t.length === 1082 && !r.truncated;
      }),
      { seed: 42, numRuns: 200 },
    );
    // the property is not vacuous: most runs fire
    expect(withSpikes).toBeGreaterThan(150);
  });

  it("'exact' and 'odex' agree to 1e-9 on random parameters (fast-check, seed 7)", () => {
    fc.assert(
      fc.property(params, (p0) => {
        const p = { ...p0, V0: Math.max(p0.V0, p0.theta + 0.5) };
        const a = simulate(p, { duration: 60 });
        const b = simulate(p, { duration: 60, method: 'odex' });
        if (a.spikes.length !== b.spikes.length) return false;
        for (let i = 0; i < a.spikes.length; i++) {
          if (!(Math.abs(a.spikes[i] - b.spikes[i]) <= 1e-9 * a.spikes[i])) return false;
        }
        return true;
      }),
      { seed: 7, numRuns: 40 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Issue 16: whatever the public API is given, it ends within seconds with a result or with a
// TypeError/RangeError whose message names the parameter that was changed.

/** Valid parameters with finite tauK and td = 0, so that every export accepts them. */
const P = { tau: 10, V0: 30, Delta: 15, theta: 15, dg: 0.05, tauK: 200, td: 0 };

/** One call per export, with the object whose key is mutated: 'params' or 'options'. */
interface Call {
  readonly name: string;
  /** options (or state) that the call takes, valid as given */
  readonly options?: Record<string, unknown>;
  /** false when the call takes no LIF parameters */
  readonly params?: false;
  readonly run: (params: Record<string, unknown>, options: Record<string, unknown>) => unknown;
}
const calls: readonly Call[] = [
  { name: 'resolveParams', run: (p) => resolveParams(p as never) },
  { name: 'spikeTime', options: { g: 0.1 }, run: (p, o) => spikeTime(p as never, o.g as never) },
  { name: 'gStar', run: (p) => gStar(p as never) },
  { name: 'nSpikes', run: (p) => nSpikes(p as never) },
  { name: 'tStar', run: (p) => tStar(p as never) },
  { name: 'steadyStateIsi', run: (p) => steadyStateIsi(p as never) },
  { name: 'steadyState', run: (p) => steadyState(p as never).isi },
  { name: 'passageTime', options: { u0: -5, g0: 0.3 }, run: (p, o) => passageTime(p as never, o as never) },
  { name: 'simulate', options: { duration: 50, maxSpikes: 1000, g0: 0.1, u0: 1 }, run: (p, o) => simulate(p as never, o as never).spikes },
  { name: 'classify', options: { duration: 200, regularity: 1.5 }, run: (p, o) => classify(p as never, o as never).class },
  { name: 'findBursts', params: false, options: { maxGap: 2, duration: 40, skip: 1 }, run: (_p, o) => findBursts([0, 1, 2, 10, 11, 30], o as never).bursts },
  { name: 'spikeCountVsDg', options: { duration: 100 }, run: (p, o) => spikeCountVsDg(p as never, [0.1], o as never)[0].simulated },
  { name: 'isiVsTauK', run: (p) => isiVsTauK(p as never, [200])[0].isi },
  { name: 'rateVsV0', options: { duration: 100 }, run: (p, o) => rateVsV0(p as never, [30], o as never)[0].rateSimulated },
  { name: 'toPhysical', options: { EL: -65 }, run: (p, o) => toPhysical(p as never, o.EL as never).EK },
];

/** Values of every wrong kind and size, and extremes that may be valid. */
const anyValue = fc.oneof(
  fc.constantFrom<unknown>('1', '', null, [], [1], {}, true, NaN, Infinity, -Infinity, 0, -0, -1, 1e-300, -1e-300, 1e300, -1e300, Number.MAX_VALUE, Number.MIN_VALUE),
  fc.double(),
);

/** A message names `key` as a word (tauK in "tauK = 5", not inside "tauKs"), or a misspelt key with its path. */
function names(message: string, key: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9])${key.replace(/[$]/g, '\\$&')}([^A-Za-z0-9]|$)`).test(message);
}

/** Seconds a single call may take: the work bounds are about 2 s (10^7 panels or 10^6 spikes), up to 6 s measured on a loaded 2-core machine. */
const CALL_SECONDS = 8;

describe('the public API on any input (fast-check, seed 16; issue 16)', () => {
  it('a changed params or options value gives a result (no NaN where a number is returned) or an error naming it, in seconds', () => {
    const keyed = calls.flatMap((c) => [
      ...(c.params === false ? [] : Object.keys(P)).map((key) => ({ c, where: 'params' as const, key })),
      ...Object.keys(c.options ?? {}).map((key) => ({ c, where: 'options' as const, key })),
    ]);
    fc.assert(
      fc.property(fc.constantFrom(...keyed), anyValue, ({ c, where, key }, value) => {
        const params: Record<string, unknown> = { ...P };
        const options: Record<string, unknown> = { ...c.options };
        (where === 'params' ? params : options)[key] = value;
        const t0 = performance.now();
        try {
          const r = c.run(params, options);
          if (typeof r === 'number' && Number.isNaN(r)) return false;
        } catch (e) {
          if (!(e instanceof TypeError || e instanceof RangeError)) return false;
          if (!names(e.message, key)) throw new Error(`${c.name}: ${where}.${key} = ${String(value)}: message does not name ${key}: ${e.message}`);
        }
        return performance.now() - t0 < CALL_SECONDS * 1000;
      }),
      { seed: 16, numRuns: 200 },
    );
  }, 60_000);

  it('a misspelt key (case, one letter more or less) is a TypeError naming it and the key meant', () => {
    const keyed = calls.flatMap((c) => [
      ...(c.params === false ? [] : Object.keys(P)).map((key) => ({ c, where: 'params' as const, key })),
      ...Object.keys(c.options ?? {})
        .filter((key) => !['spikeTime', 'toPhysical'].includes(c.name)) // g and EL are positional
        .map((key) => ({ c, where: 'options' as const, key })),
    ]);
    const typo = fc.constantFrom((k: string) => k.toLowerCase() === k ? k.toUpperCase() : k.toLowerCase(), (k: string) => `${k}s`, (k: string) => k.slice(0, -1) || 'x');
    fc.assert(
      fc.property(fc.constantFrom(...keyed), typo, ({ c, where, key }, mis) => {
        const wrong = mis(key);
        const obj: Record<string, unknown> = where === 'params' ? { ...P } : { ...c.options };
        if (wrong in obj) return true; // 'tauK' → 'tau' is another known key, not a typo to catch
        obj[wrong] = obj[key];
        try {
          c.run(where === 'params' ? obj : { ...P }, where === 'options' ? obj : { ...c.options });
        } catch (e) {
          return e instanceof TypeError && e.message.includes(`.${wrong} is not`) && names(e.message, key);
        }
        return false;
      }),
      { seed: 16, numRuns: 200 },
    );
  });

  it('random valid parameters keep the documented invariants of the closed forms', () => {
    fc.assert(
      fc.property(params, fc.double({ min: 0, max: 5, noNaN: true }), (p0, g) => {
        const p = { ...p0, td: 0 };
        const gs = gStar(p);
        const ts = spikeTime(p, g);
        // t_s(g) is finite exactly below g* (Eq. (5)) and positive
        if ((g < gs) !== Number.isFinite(ts) || !(ts > 0)) return false;
        // n_spikes: ≥ 1 when V0 > theta; Infinity only without adaptation or when g*/Δg overflows
        // (a denormal Δg, pinned in nSpikes.test.ts)
        const n = nSpikes(p);
        if (p.V0 > p.theta && !(n >= 1)) return false;
        if (((p.dg === 0 || gs / p.dg === Infinity) && p.V0 > p.theta) !== (n === Infinity)) return false;
        // the exact steady interval is at least t_s(0) (adaptation only slows) and exceeds t* (u lags)
        if (p.tauK !== Infinity && p.dg > 0 && p.V0 > p.theta) {
          const isi = steadyStateIsi(p);
          if (!(isi >= spikeTime(p, 0) * (1 - 1e-12))) return false;
          if (!(isi > tStar(p))) return false;
        }
        return true;
      }),
      { seed: 16, numRuns: 150 },
    );
  });
});
