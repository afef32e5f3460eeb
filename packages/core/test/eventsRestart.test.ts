/**
 * Issue 16, bugs 1 and 3: events after a reset onto the event surface, crossings inside one
 * step, and event functions that do not return numbers. Before the fix the bouncing ball gave
 * one bounce and fell through the floor with status 'success'.
 */
import { describe, expect, it } from 'vitest';
import { integrate } from '@neurobridge/core';
import type { IntegrateOptions, Rhs } from '@neurobridge/core';

const G = 9.81;
/** (y, v)' = (v, −g): free fall. */
const fall: Rhs = (_t, y, d) => {
  d[0] = y[1];
  d[1] = -G;
};

/** Bounce on y = 0 with restitution e: y₀ ↦ 0, y₁ ↦ −e·y₁. */
function ball(e: number, t1: number, extra: Partial<IntegrateOptions> = {}) {
  return integrate(fall, 0, [1, 0], t1, {
    maxEvents: 1000,
    ...extra,
    events: [{ value: (_t, y) => y[0], direction: -1, affect: (_t, y) => void ((y[0] = 0), (y[1] = -e * y[1])) }],
  });
}

/**
 * Closed-form bounce times from height 1 at rest: t₁ = √(2/g), v₁ = g·t₁, and after bounce k
 * the flight lasts 2·e^k·v₁/g. Only flights longer than minFlight are listed.
 */
function bounceTimes(e: number, t1: number, minFlight = 0): number[] {
  const times: number[] = [];
  let t = Math.sqrt(2 / G);
  let v = G * t;
  while (t <= t1) {
    times.push(t);
    v *= e;
    if ((2 * v) / G < minFlight) break;
    t += (2 * v) / G;
  }
  return times;
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < b.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

describe('bouncing ball: crossings after a reset onto the event surface (issue 16, bug 1)', () => {
  it('elastic (e = 1) over 100 s: every one of the 111 bounces at its closed-form time', () => {
    const r = ball(1, 100);
    const want = bounceTimes(1, 100);
    expect(want.length).toBe(111);
    expect(r.status).toBe('success');
    expect(r.events.length).toBe(want.length);
    // each flight is a parabola: odex's dense output is exact up to rounding, and each event
    // is located to the default eventTol (1e-12 of its step); errors add up over 111 bounces
    // only through the restart times, so 1e-10 leaves two decades of margin
    expect(maxAbsDiff(r.events.map((ev) => ev.t), want)).toBeLessThan(1e-10);
    // the ball never goes below the floor: its height at the end is the parabola's
    const tLast = want[want.length - 1];
    const v = G * Math.sqrt(2 / G);
    const s = 100 - tLast;
    expect(Math.abs(r.yEnd[0] - (v * s - (G * s * s) / 2))).toBeLessThan(1e-8);
  });

  it('the bounce times do not depend on the step size (maxStepSize 1e-3 … ∞)', () => {
    const want = bounceTimes(1, 20);
    for (const maxStepSize of [Infinity, 5, 0.1, 1e-3]) {
      const r = ball(1, 20, { maxStepSize, maxSteps: 1e6 });
      expect(r.events.length, `maxStepSize ${maxStepSize}`).toBe(want.length);
      expect(maxAbsDiff(r.events.map((ev) => ev.t), want)).toBeLessThan(1e-10);
    }
  });

  it('with restitution 0.8: the bounces follow the closed form, then the accumulation at t∞ is flagged, never a fall through the floor', () => {
    const e = 0.8;
    const r = ball(e, 10, { sample: Array.from({ length: 1001 }, (_, i) => i / 100) });
    // flights longer than 1e-6 s: 62 of them; beyond, the flights approach the event tolerance
    const want = bounceTimes(e, 10, 1e-6);
    expect(want.length).toBe(62);
    expect(maxAbsDiff(r.events.map((ev) => ev.t), want)).toBeLessThan(1e-10);
    // Zeno: the bounces accumulate at t∞ = t₁ + 2e·v₁/(g(1 − e)); the run stops there on its
    // event budget instead of reporting 'success' with the ball far below the floor
    const t1 = Math.sqrt(2 / G);
    const tInf = t1 + (2 * e * G * t1) / (G * (1 - e));
    expect(r.status).toBe('maxEvents');
    expect(Math.abs(r.tEnd - tInf)).toBeLessThan(1e-8);
    expect(r.yEnd[0]).toBeGreaterThan(-1e-12);
    for (const y of r.y) expect(y[0]).toBeGreaterThan(-1e-12);
  });

  it('a deliberately wrong restitution is rejected by the same closed-form check (power)', () => {
    const r = ball(0.8, 10);
    expect(maxAbsDiff(r.events.map((ev) => ev.t), bounceTimes(0.81, 10, 1e-6))).toBeGreaterThan(1e-2);
  });

  it('starting on the zero at t0 is not a crossing, in either direction', () => {
    const r = integrate(fall, 0, [0, 1], 0.1, { events: [{ value: (_t, y) => y[0], direction: 1, affect: () => {} }] });
    expect(r.events.length).toBe(0);
    const down = integrate(fall, 0, [0, -1], 0.1, { events: [{ value: (_t, y) => y[0], direction: -1, affect: () => {} }] });
    expect(down.events.length).toBe(0);
  });
});

describe('crossings inside one step (issue 16, bug 1)', () => {
  it('a passive event crossed out and back within one step reports both crossings', () => {
    // x = sin t crosses 1 − 1e-3 at asin(1 − 1e-3) and π − asin(1 − 1e-3), 0.089 apart; the
    // oscillator's steps at rtol 1e-6 are about 0.5 long, so both lie inside one step
    const level = 1 - 1e-3;
    const oscillator: Rhs = (_t, y, d) => void ((d[0] = y[1]), (d[1] = -y[0]));
    const r = integrate(oscillator, 0, [0, 1], 3, { rtol: 1e-6, atol: 1e-9, events: [{ value: (_t, y) => y[0] - level }] });
    expect(r.stats.nAccept).toBeLessThan(12); // steps much longer than the gap
    const a = Math.asin(level);
    expect(r.events.length).toBe(2);
    // the dense output of a rtol 1e-6 run is accurate to ~1e-6 in x; near the top sin t is
    // flat (slope 0.045), so the crossing times are good to ~1e-6 / 0.045 ≈ 2e-5
    expect(maxAbsDiff(r.events.map((ev) => ev.t), [a, Math.PI - a])).toBeLessThan(1e-4);
  });
});

describe('event values that are not numbers (issue 16, bug 3)', () => {
  it.each([
    ['undefined', () => undefined, /options\.events\[0\]\.value must return a number; got undefined at t = 0/],
    ['a string', () => '1', /options\.events\[0\]\.value must return a number; got "1" at t = 0/],
    ['null', () => null, /options\.events\[0\]\.value must return a number; got null/],
  ])('%s is a TypeError naming the event', (_name, value, msg) => {
    const run = () => integrate(fall, 0, [1, 0], 1, { events: [{ value: value as never }] });
    expect(run).toThrow(TypeError);
    expect(run).toThrow(msg);
  });
  it('a value that becomes undefined later is caught at that time', () => {
    const run = () => integrate(fall, 0, [1, 0], 1, { events: [{ value: (t) => (t < 0.5 ? 1 : (undefined as never)) }] });
    expect(run).toThrow(/options\.events\[0\]\.value must return a number; got undefined at t = (0\.[5-9]|1$)/);
  });
});
