import { describe, expect, it } from 'vitest';
import { fromPhysical, gStar, membranePotential, resolveParams, toPhysical, simulate, EXAM_DELTA, EXAM_THETA } from '@neurobridge/lif';
import { exam } from './helpers.js';

describe('parameters', () => {
  it('exam values: E_L = −65, E_K = −80, V_th = −50 mV give Delta = theta = 15 mV', () => {
    const p = fromPhysical({ EL: -65, EK: -80, Vth: -50, V0: 30, tau: 10, dg: 0.1, tauK: Infinity, td: 0 });
    expect(p.Delta).toBe(15);
    expect(p.theta).toBe(15);
    expect(EXAM_DELTA).toBe(15);
    expect(EXAM_THETA).toBe(15);
  });

  it('defaults Delta and theta to 15', () => {
    const p = resolveParams({ tau: 10, V0: 30, dg: 0, tauK: 5, td: 0 });
    expect(p).toEqual({ tau: 10, V0: 30, Delta: 15, theta: 15, dg: 0, tauK: 5, td: 0 });
  });

  it('round trip fromPhysical ∘ toPhysical and V = u + E_L', () => {
    const p = { tau: 7, V0: 22, Delta: 12, theta: 18, dg: 0.3, tauK: 50, td: 1 };
    expect(fromPhysical(toPhysical(p, -70))).toEqual(p);
    expect(toPhysical(p, -70)).toMatchObject({ EL: -70, EK: -82, Vth: -52 });
    expect(Array.from(membranePotential([0, 15], -65))).toEqual([-65, -50]);
  });

  it('Eq. (1) in physical units and Eq. (3) in reduced units give the same spikes', () => {
    // Integrate Eq. (1) for V directly (forward Euler is not accurate enough; use the
    // closed form at fixed g: V(t) = V∞ + (E_L − V∞) e^{−t(1+g)/tau}, V∞ = (E_L + V0 + g E_K)/(1+g)).
    const EL = -65;
    const EK = -80;
    const Vth = -50;
    const g = 0.2;
    const Vinf = (EL + 30 + g * EK) / (1 + g);
    const tCross = (10 / (1 + g)) * Math.log((Vinf - EL) / (Vinf - Vth));
    const p = fromPhysical({ EL, EK, Vth, V0: 30, tau: 10, dg: 0, tauK: Infinity, td: 0 });
    const r = simulate(p, { duration: 1.5 * tCross, g0: g });
    expect(Math.abs(r.spikes[0] - tCross)).toBeLessThan(1e-12 * tCross);
  });

  it('unknown or misspelt keys are a TypeError naming the key and the closest known one (issue 16)', () => {
    const ok = { tau: 10, V0: 30, dg: 0.1, tauK: 100, td: 0 };
    expect(() => resolveParams({ ...ok, Theta: 20 } as never)).toThrow(TypeError);
    expect(() => resolveParams({ ...ok, Theta: 20 } as never)).toThrow(/params\.Theta is not a key of params \(did you mean theta\? known: tau, V0, Delta, theta, dg, tauK, td\)/);
    expect(() => resolveParams({ ...ok, tauk: 100 } as never)).toThrow(/params\.tauk .*did you mean tauK\?/);
    expect(() => simulate({ ...ok, delta: 10 } as never, { duration: 10 })).toThrow(/params\.delta .*did you mean Delta\?/);
    expect(() => fromPhysical({ EL: -65, EK: -80, Vth: -50, V0: 30, tau: 10, dg: 0, tauK: 1, td: 0, theta: 15 } as never)).toThrow(/params\.theta is not a key of params/);
    // every documented key, and a resolved parameter object, still pass
    const all = { tau: 10, V0: 30, Delta: 12, theta: 18, dg: 0.1, tauK: 100, td: 1 };
    expect(resolveParams(all)).toEqual(all);
    expect(resolveParams(resolveParams(ok))).toEqual(resolveParams(ok));
  });

  it('a number given as a string or null is a TypeError naming it, not a default (issue 16)', () => {
    const ok = { tau: 10, V0: 30, dg: 0.1, tauK: 100, td: 0 };
    for (const key of ['tau', 'V0', 'Delta', 'theta', 'dg', 'tauK', 'td'] as const) {
      for (const bad of ['20', null]) {
        expect(() => resolveParams({ ...ok, [key]: bad } as never)).toThrow(TypeError);
        expect(() => resolveParams({ ...ok, [key]: bad } as never)).toThrow(new RegExp(`^${key} must be a number; got ${bad === null ? 'null' : '"20"'}$`));
      }
    }
    // undefined still means "use the default"
    expect(resolveParams({ ...ok, Delta: undefined, theta: undefined })).toMatchObject({ Delta: 15, theta: 15 });
  });

  it('bad physical input', () => {
    expect(() => fromPhysical({ EL: -65, EK: -80, Vth: -70, V0: 30, tau: 10, dg: 0, tauK: 1, td: 0 })).toThrow(/Vth must be > EL \(mV\); got Vth = -70, EL = -65/);
    expect(() => membranePotential([1, 2], NaN)).toThrow(/EL must be finite; got NaN/);
  });

  it('physical parameters: EK ≥ Vth and differences that overflow name the physical parameters (issue 16)', () => {
    const phys = { EL: -65, EK: -80, Vth: -50, V0: 30, tau: 10, dg: 0, tauK: 1, td: 0 };
    // before: "Delta must be > −theta", naming a parameter the caller never passed
    expect(() => fromPhysical({ ...phys, EK: -40 })).toThrow(/^EK must be < Vth \(mV\) so that g\* is defined; got EK = -40, Vth = -50$/);
    expect(() => fromPhysical({ ...phys, EL: 1e308, EK: -1e308, Vth: 1.5e308 })).toThrow(/^EL − EK must be finite \(mV\); got EL = 1e\+308, EK = -1e\+308$/);
    // before: EK = -Infinity returned
    expect(() => toPhysical({ ...exam, Delta: 1e308 }, -1e308)).toThrow(/^EL − Delta must be finite \(mV\); got EL = -1e\+308, Delta = 1e\+308$/);
  });

  it('membranePotential: u of the wrong kind, non-finite u and a bad out buffer are named (issue 16)', () => {
    expect(() => membranePotential(null as never, -65)).toThrow(/^u must be an array-like of finite numbers; got null$/);
    // before: "1" + -65 = "1-65" stored as NaN
    expect(() => membranePotential(['1'] as never, -65)).toThrow(/^u\[0\] must be a number; got "1"$/);
    expect(() => membranePotential([0, NaN], -65)).toThrow(/^u\[1\] must be finite; got NaN$/);
    expect(() => membranePotential([1], -65, [0] as never)).toThrow(/^out must be a Float64Array; got an array of length 1$/);
    expect(() => membranePotential([1.7e308], 1.7e308)).toThrow(/^u\[0\] \+ EL must be finite \(mV\); got u\[0\] = 1\.7e\+308, EL = 1\.7e\+308$/);
  });

  it('g* that overflows is a RangeError naming V0, Delta and theta, not a silent Infinity (issue 16)', () => {
    // before: gStar = Infinity and nSpikes = Infinity ("tonic") for a neuron that stops after ~1e318 spikes
    expect(() => gStar({ ...exam, V0: 1.7e308, Delta: -15 + 1e-10 })).toThrow(/^g\* = \(V0 − theta\)\/\(Delta \+ theta\) must be finite; got V0 = 1\.7e\+308, Delta = -14\.9999999999, theta = 15$/);
  });
});
