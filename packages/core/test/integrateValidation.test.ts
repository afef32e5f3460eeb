import { describe, expect, it } from 'vitest';
import { integrate } from '@neurobridge/core';
import type { IntegrateOptions, Rhs } from '@neurobridge/core';

const decay: Rhs = (_t, y, d) => {
  d[0] = -y[0];
};
const run = (options: IntegrateOptions, t0 = 0, y0: ArrayLike<number> = [1], t1 = 1) => () => integrate(decay, t0, y0, t1, options);

describe('integrate: argument validation names the parameter, value and range', () => {
  it('rhs, t0, t1, y0', () => {
    // @ts-expect-error rhs must be a function
    expect(() => integrate(null, 0, [1], 1)).toThrow(/rhs must be a function; got null/);
    expect(run({}, Number.NaN)).toThrow(/t0 must be finite; got NaN/);
    expect(run({}, 0, [1], Infinity)).toThrow(/t1 must be finite; got Infinity/);
    // @ts-expect-error t0 must be a number
    expect(() => integrate(decay, '0', [1], 1)).toThrow(TypeError);
    expect(run({}, 0, [])).toThrow(/y0 must have length >= 1; got length 0/);
    expect(run({}, 0, [1, Number.NaN])).toThrow(/y0\[1\] must be finite; got NaN/);
    expect(run({}, 0, Float64Array.of(Infinity))).toThrow(RangeError);
    // @ts-expect-error y0 must be array-like
    expect(() => integrate(decay, 0, 5, 1)).toThrow(/y0 must be an array-like of finite numbers; got 5/);
  });
  it('tolerances and budgets', () => {
    expect(run({ rtol: 0 })).toThrow(/options.rtol must be > 0 and finite; got 0/);
    expect(run({ rtol: -1e-6 })).toThrow(RangeError);
    expect(run({ atol: -1 })).toThrow(/options.atol must be > 0 and finite; got -1/);
    expect(run({ atol: Number.NaN })).toThrow(/options.atol must be > 0/);
    expect(run({ maxSteps: 0 })).toThrow(/options.maxSteps must be an integer >= 1; got 0/);
    expect(run({ maxSteps: 2.5 })).toThrow(RangeError);
    expect(run({ maxEvents: -1 })).toThrow(/options.maxEvents must be an integer >= 0; got -1/);
    expect(run({ maxStepSize: 0 })).toThrow(/options.maxStepSize must be > 0 \(or Infinity\); got 0/);
    expect(run({ eventTol: -1 })).toThrow(/options.eventTol must be > 0/);
    // @ts-expect-error unknown option (a typo of rtol)
    expect(run({ rTol: 1e-3 })).toThrow(/options.rTol is not an option of integrate/);
  });
  it('sample grid', () => {
    expect(run({ sample: [0, 0.5, 1.5] })).toThrow(/options.sample\[2\] must lie in \[0, 1\] \(between t0 and t1\); got 1.5/);
    expect(run({ sample: [-0.1] })).toThrow(RangeError);
    expect(run({ sample: [0, 0.6, 0.5] })).toThrow(/options.sample must be sorted ascending; got sample\[1\] = 0.6, sample\[2\] = 0.5/);
    expect(run({ sample: [0.5, 0.2] }, 1, [1], 0)).not.toThrow(); // descending when t1 < t0
    expect(run({ sample: [0.2, 0.5] }, 1, [1], 0)).toThrow(/sorted descending \(t1 < t0\)/);
    expect(run({ sample: [Number.NaN] })).toThrow(/options.sample\[0\] must lie in/);
    expect(run({ sample: { dt: 0 } })).toThrow(/options.sample.dt must be > 0 and finite; got 0/);
    expect(run({ sample: { dt: 1e-12 } })).toThrow(/options.sample.dt gives 1000000000001 grid points; at most 10000000/);
    // @ts-expect-error sample must be a list or { dt }
    expect(run({ sample: 0.1 })).toThrow(TypeError);
  });
  it('events and schedule', () => {
    // @ts-expect-error value is required
    expect(run({ events: [{}] })).toThrow(/options.events\[0\].value must be a function/);
    // @ts-expect-error direction is 1, -1 or 0
    expect(run({ events: [{ value: () => 1, direction: 2 }] })).toThrow(/options.events\[0\].direction must be 1, -1 or 0; got 2/);
    // @ts-expect-error terminal is a boolean
    expect(run({ events: [{ value: () => 1, terminal: 'yes' }] })).toThrow(TypeError);
    expect(run({ schedule: [{ t: 2, affect: () => {} }] })).toThrow(/options.schedule\[0\].t must lie in \[0, 1\] \(between t0 and t1\); got 2/);
    expect(run({ schedule: [{ t: Number.NaN, affect: () => {} }] })).toThrow(RangeError);
    // @ts-expect-error affect is required
    expect(run({ schedule: [{ t: 0.5 }] })).toThrow(/options.schedule\[0\].affect must be a function/);
  });
  it('valid edge cases are accepted', () => {
    expect(run({ maxEvents: 0 })().status).toBe('success');
    expect(run({ maxStepSize: Infinity })().status).toBe('success');
    expect(run({ sample: [] })().t.length).toBe(0);
    expect(run({ sample: [0, 0, 1] })().t.length).toBe(3);
  });
});
