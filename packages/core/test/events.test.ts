import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { integrate } from '@neurobridge/core';
import type { IntegrateEvent, Rhs } from '@neurobridge/core';

/** y' = 1 − y, y(0) = 0: y = 1 − e^{−t}. */
const saturating: Rhs = (_t, y, d) => {
  d[0] = 1 - y[0];
};
/** (x, v)' = (v, −x), from (0, 1): x = sin t. */
const oscillator: Rhs = (_t, y, d) => {
  d[0] = y[1];
  d[1] = -y[0];
};

describe('continuous events: location', () => {
  it('first crossing of 1 − e^{−t} = 1/2 is at ln 2, to 1e-12', () => {
    const r = integrate(saturating, 0, [0], 1, {
      rtol: 1e-13,
      atol: 1e-15,
      events: [{ value: (_t, y) => y[0] - 0.5, terminal: true }],
    });
    expect(r.status).toBe('terminated');
    expect(r.events.length).toBe(1);
    const te = r.events[0].t;
    // located to eventTol = 1e-12 (time scale 1) on a dense output accurate to ~1e-14
    expect(Math.abs(te - Math.LN2)).toBeLessThan(1e-12);
    expect(r.tEnd).toBe(te);
    expect(Math.abs(r.events[0].y[0] - 0.5)).toBeLessThan(1e-12);
    expect(r.events[0].index).toBe(0);
    expect(r.message).toMatch(/terminal event 0 at t = 0\.69314718/);
  });
  it('the event state is the solution there and g is on the new side (restart-safe)', () => {
    const r = integrate(saturating, 0, [0], 1, { events: [{ value: (_t, y) => y[0] - 0.5, terminal: true }] });
    // the returned point is the far end of the final bracket: y − 1/2 >= 0 there
    expect(r.events[0].y[0] - 0.5).toBeGreaterThanOrEqual(0);
    expect(Math.abs(r.events[0].t - Math.LN2)).toBeLessThan(1e-6); // default tolerances
  });
  it('directional events on sin t: +1 only at 2πk, −1 only at π(2k+1), 0 at both', () => {
    const T = 4 * Math.PI + 1;
    const opts = { rtol: 1e-12, atol: 1e-12 };
    const up = integrate(oscillator, 0, [0, 1], T, { ...opts, events: [{ value: (_t, y) => y[0], direction: 1 }] });
    const down = integrate(oscillator, 0, [0, 1], T, { ...opts, events: [{ value: (_t, y) => y[0], direction: -1 }] });
    const both = integrate(oscillator, 0, [0, 1], T, { ...opts, events: [{ value: (_t, y) => y[0] }] });
    // sin t = 0 at t = 0 (the start: not an event), π, 2π, 3π, 4π
    const tUp = up.events.map((e) => e.t);
    const tDown = down.events.map((e) => e.t);
    const tBoth = both.events.map((e) => e.t);
    expect(tUp.length).toBe(2);
    expect(tDown.length).toBe(2);
    expect(tBoth.length).toBe(4);
    const close = (a: number[], b: number[]) => a.forEach((x, i) => expect(Math.abs(x - b[i])).toBeLessThan(1e-10));
    close(tUp, [2 * Math.PI, 4 * Math.PI]);
    close(tDown, [Math.PI, 3 * Math.PI]);
    close(tBoth, [Math.PI, 2 * Math.PI, 3 * Math.PI, 4 * Math.PI]);
    expect(up.status).toBe('success');
    expect(up.tEnd).toBe(T);
    // passive events do not restart the integrator
    expect(both.stats.nRestarts).toBe(0);
  });
  it('a terminal event stops the run and the remaining samples are dropped', () => {
    const r = integrate(oscillator, 0, [0, 1], 10, {
      events: [{ value: (_t, y) => y[0] - 0.5, terminal: true, direction: 1 }],
      sample: [0, 0.25, 0.5, 1, 2],
      rtol: 1e-12,
      atol: 1e-12,
    });
    expect(r.status).toBe('terminated');
    // sin t = 1/2 first at π/6 ≈ 0.5236
    expect(Math.abs(r.tEnd - Math.PI / 6)).toBeLessThan(1e-11);
    expect(Array.from(r.t)).toEqual([0, 0.25, 0.5]);
    expect(Math.abs(r.y[2][0] - Math.sin(0.5))).toBeLessThan(1e-11);
  });
  it('a terminal event on a later crossing, with a passive event before it in the same step', () => {
    // y = t (one huge step), passive event at y = 0.2, terminal at y = 0.6
    const r = integrate((_t, _y, d) => {
      d[0] = 1;
    }, 0, [0], 1, {
      events: [
        { value: (_t, y) => y[0] - 0.6, terminal: true },
        { value: (_t, y) => y[0] - 0.2 },
      ],
    });
    expect(r.status).toBe('terminated');
    expect(r.events.map((e) => e.index)).toEqual([1, 0]);
    expect(Math.abs(r.events[0].t - 0.2)).toBeLessThan(1e-12);
    expect(Math.abs(r.events[1].t - 0.6)).toBeLessThan(1e-12);
  });
});

describe('events with affect: reset and continue', () => {
  // Leaky integrator du/dt = (I − u)/tau with reset to 0 at theta: from u = 0 the k-th spike
  // is at t_k = k·T, T = tau·ln(I/(I − theta)).
  const tau = 10;
  const I = 1.5;
  const theta = 1;
  const period = tau * Math.log(I / (I - theta));
  const lif: Rhs = (_t, u, d) => {
    d[0] = (I - u[0]) / tau;
  };
  const spike: IntegrateEvent = {
    value: (_t, u) => u[0] - theta,
    direction: 1,
    affect: (_t, u) => {
      u[0] = 0;
    },
  };

  it('spike times are k·tau·ln(I/(I − theta)); the 1000th to 1e-8 relative', () => {
    const n = 1000;
    const r = integrate(lif, 0, [0], (n + 0.5) * period, { rtol: 1e-11, atol: 1e-13, events: [spike] });
    expect(r.status).toBe('success');
    expect(r.events.length).toBe(n);
    expect(r.stats.nRestarts).toBe(n);
    let worst = 0;
    for (let k = 1; k <= n; k++) worst = Math.max(worst, Math.abs(r.events[k - 1].t - k * period) / (k * period));
    // each interval carries an independent location + integration error ~1e-12·T; they
    // add up linearly at worst: 1000 intervals stay far below 1e-8 relative
    expect(worst).toBeLessThan(1e-8);
    // the state recorded is before the reset: u = theta
    for (const e of r.events) expect(Math.abs(e.y[0] - theta)).toBeLessThan(1e-10);
    // after the last spike: u(t) = I(1 − e^{−(t − t_n)/tau}) at t = t_n + T/2
    const expected = I * (1 - Math.exp(-(0.5 * period) / tau));
    expect(Math.abs(r.yEnd[0] - expected)).toBeLessThan(1e-9);
  });

  it('samples follow the closed form between resets', () => {
    // grid offset from the spike times k·T by T/120 at least
    const ts = Array.from({ length: 60 }, (_, i) => ((i + 0.5) * 3 * period) / 60);
    const r = integrate(lif, 0, [0], 3 * period, { rtol: 1e-10, atol: 1e-12, events: [spike], sample: ts });
    expect(r.t.length).toBe(60);
    for (let i = 0; i < ts.length; i++) {
      const phase = ts[i] - Math.floor(ts[i] / period) * period; // time since the last spike
      // dense output at tol 1e-10: samples good to ~1e-10
      expect(Math.abs(r.y[i][0] - I * (1 - Math.exp(-phase / tau)))).toBeLessThan(1e-9);
    }
  });

  it('a sample at an event time holds the state after the affect (right-continuous)', () => {
    const first = integrate(lif, 0, [0], 1.5 * period, { events: [spike] });
    const te = first.events[0].t;
    // the same run with a sample at te: the event is located at the same te
    const r = integrate(lif, 0, [0], 1.5 * period, { events: [spike], sample: [te / 2, te, 1.2 * period] });
    expect(r.events[0].t).toBe(te);
    expect(r.y[1][0]).toBe(0);
    expect(r.events[0].y[0]).toBeCloseTo(theta, 5);
    expect(r.y[0][0]).toBeCloseTo(I * (1 - Math.exp(-te / 2 / tau)), 5);
  });

  it('a reset that lands exactly on the zero is not detected again', () => {
    // y' = 1 from −1; event y = 0 (both directions) whose affect sets y = 0 exactly
    const r = integrate((_t, _y, d) => {
      d[0] = 1;
    }, 0, [-1], 3, {
      events: [
        {
          value: (_t, y) => y[0],
          affect: (_t, y) => {
            y[0] = 0;
          },
        },
      ],
    });
    expect(r.events.length).toBe(1);
    // default tolerances; rounding in the dense output of a long step: measured 1.3e-12
    expect(Math.abs(r.events[0].t - 1)).toBeLessThan(1e-10);
    expect(r.yEnd[0]).toBeCloseTo(2, 9);
  });

  it('leaving a zero at t0 or at a restart is not a crossing, on either side', () => {
    // y' = −1 from 1: the downward crossing of 0 at t = 1 resets y to exactly 0; the flow
    // then leaves 0 downwards, which must not count as a second crossing
    const r = integrate((_t, _y, d) => void (d[0] = -1), 0, [1], 3, {
      events: [{ value: (_t, y) => y[0], affect: (_t, y) => void (y[0] = 0) }],
    });
    expect(r.events.length).toBe(1);
    expect(r.yEnd[0]).toBeCloseTo(-2, 9);
    // x = −sin t from x(0) = 0: value 0 at t0, then negative; the first event is at π
    const s0 = integrate(oscillator, 0, [0, -1], 4, { events: [{ value: (_t, y) => y[0] }], rtol: 1e-10, atol: 1e-12 });
    expect(s0.events.length).toBe(1);
    expect(Math.abs(s0.events[0].t - Math.PI)).toBeLessThan(1e-9);
  });

  it('an affect that leaves the state unchanged does not re-trigger the event', () => {
    let calls = 0;
    const r = integrate(oscillator, 0, [0, 1], 10, {
      events: [{ value: (_t, y) => y[0] - 0.3, affect: () => void calls++ }],
      rtol: 1e-10,
      atol: 1e-10,
    });
    // sin t = 0.3 on [0, 10]: t = asin 0.3, π − asin 0.3, 2π + asin 0.3, 3π − asin 0.3
    const a = Math.asin(0.3);
    const expected = [a, Math.PI - a, 2 * Math.PI + a, 3 * Math.PI - a];
    expect(calls).toBe(4);
    r.events.forEach((e, i) => expect(Math.abs(e.t - expected[i])).toBeLessThan(1e-9));
  });

  it('maxEvents: stops at the next event with status maxEvents', () => {
    const r = integrate(lif, 0, [0], 100 * period, { events: [spike], maxEvents: 5, rtol: 1e-10, atol: 1e-12 });
    expect(r.status).toBe('maxEvents');
    expect(r.events.length).toBe(5);
    expect(r.stats.nEvents).toBe(5);
    expect(Math.abs(r.tEnd - 6 * period)).toBeLessThan(1e-8);
    // stopped before the sixth reset
    expect(Math.abs(r.yEnd[0] - theta)).toBeLessThan(1e-8);
    expect(r.message).toMatch(/maxEvents \(5\)/);
  });

  it('an affect that makes the state non-finite gives status nonFinite', () => {
    const r = integrate(lif, 0, [0], 10 * period, {
      events: [{ value: spike.value, direction: 1, affect: (_t, u) => void (u[0] = Number.NaN) }],
    });
    expect(r.status).toBe('nonFinite');
    expect(r.message).toMatch(/after the affect of event 0 at t = /);
    // default tolerances rtol 1e-6: the event time to ~1e-5
    expect(Math.abs(r.tEnd - period)).toBeLessThan(1e-4);
  });
});

describe('several events in one step', () => {
  // y = t in one step (the rhs is constant, odex takes the whole interval at once)
  const ramp: Rhs = (_t, _y, d) => {
    d[0] = 1;
  };
  const at = (c: number, extra: Partial<IntegrateEvent> = {}): IntegrateEvent => ({ value: (_t, y) => y[0] - c, ...extra });

  it('passive events are recorded in time order, not index order', () => {
    // A probe event that never crosses is evaluated only at the segment start and at step
    // ends: its call times are the step boundaries (measured: last step [0.41985, 1]).
    const boundaries: number[] = [];
    const probe: IntegrateEvent = { value: (t) => (boundaries.push(t), 1) };
    const r = integrate(ramp, 0, [0], 1, { events: [at(0.9), at(0.5), at(0.7), probe] });
    const k = boundaries.findIndex((b) => b > 0.5);
    expect(boundaries[k - 1]).toBeLessThan(0.5);
    expect(boundaries[k]).toBeGreaterThan(0.9); // all three crossings inside one step
    expect(r.events.map((e) => e.index)).toEqual([1, 2, 0]);
    r.events.forEach((e, i) => expect(Math.abs(e.t - [0.5, 0.7, 0.9][i])).toBeLessThan(1e-12));
  });

  it('events with affects are handled in time order, each after the previous restart', () => {
    const log: string[] = [];
    const r = integrate(ramp, 0, [0], 1, {
      events: [
        at(0.9, { affect: (t) => void log.push(`a@${t.toFixed(6)}`) }),
        at(0.5, { affect: (t) => void log.push(`b@${t.toFixed(6)}`) }),
        at(0.7, { affect: (t) => void log.push(`c@${t.toFixed(6)}`) }),
      ],
    });
    expect(log).toEqual(['b@0.500000', 'c@0.700000', 'a@0.900000']);
    expect(r.stats.nRestarts).toBe(3);
  });

  it('an affect that moves the state past a later event within the step skips it', () => {
    // at y = 0.5 jump to y = 0.8: the crossing of 0.7 never happens on the new trajectory
    const r = integrate(ramp, 0, [0], 1, {
      events: [
        at(0.7),
        at(0.5, {
          affect: (_t, y) => {
            y[0] = 0.8;
          },
        }),
      ],
    });
    expect(r.events.map((e) => e.index)).toEqual([1]);
    expect(r.yEnd[0]).toBeCloseTo(1.3, 12);
  });

  it('simultaneous events both fire, at the same time', () => {
    const r = integrate(ramp, 0, [0], 1, {
      events: [at(0.5, { affect: () => {} }), { value: (t) => t - 0.5, affect: () => {} }],
    });
    expect(r.events.length).toBe(2);
    // both located at t = 0.5 (to rounding): whichever is found first, the other fires with it
    expect(r.events.map((e) => e.index).sort()).toEqual([0, 1]);
    expect(r.events[1].t).toBe(r.events[0].t);
    for (const e of r.events) expect(Math.abs(e.t - 0.5)).toBeLessThan(1e-12);
    expect(r.stats.nRestarts).toBe(1);
  });
});

describe('scheduled changes', () => {
  const decay: Rhs = (_t, y, d) => {
    d[0] = -y[0];
  };

  it('stop exactly at each scheduled time, apply the jump, continue (closed form)', () => {
    // y' = −y, y(0) = 1, y += 1 at t = 1 and t = 2.5:
    // y(3) = e^{−3} + e^{−2} + e^{−0.5}
    const jump = (_t: number, y: Float64Array) => {
      y[0] += 1;
    };
    const r = integrate(decay, 0, [1], 3, {
      rtol: 1e-12,
      atol: 1e-14,
      schedule: [
        { t: 2.5, affect: jump },
        { t: 1, affect: jump },
      ],
    });
    expect(r.status).toBe('success');
    expect(Math.abs(r.yEnd[0] - (Math.exp(-3) + Math.exp(-2) + Math.exp(-0.5)))).toBeLessThan(1e-12);
    expect(r.events.map((e) => [e.t, e.index])).toEqual([
      [1, -1],
      [2.5, -1],
    ]);
    // states before the jumps
    expect(Math.abs(r.events[0].y[0] - Math.exp(-1))).toBeLessThan(1e-13);
    expect(Math.abs(r.events[1].y[0] - (Math.exp(-2.5) + Math.exp(-1.5)))).toBeLessThan(1e-13);
    expect(r.stats.nRestarts).toBe(2);
  });

  it('changes at t0 and at t1 are applied (right-continuous states)', () => {
    const r = integrate(decay, 0, [1], 1, {
      sample: [0, 1],
      schedule: [
        { t: 0, affect: (_t, y) => void (y[0] = 2) },
        { t: 1, affect: (_t, y) => void (y[0] += 10) },
      ],
      rtol: 1e-12,
      atol: 1e-14,
    });
    expect(r.y[0][0]).toBe(2);
    expect(Math.abs(r.yEnd[0] - (10 + 2 * Math.exp(-1)))).toBeLessThan(1e-12);
    expect(r.y[1][0]).toBe(r.yEnd[0]);
  });

  it('changes at the same time run in the order given', () => {
    const r = integrate(decay, 0, [1], 1, {
      schedule: [
        { t: 0.5, affect: (_t, y) => void (y[0] *= 2) },
        { t: 0.5, affect: (_t, y) => void (y[0] += 1) },
      ],
      rtol: 1e-12,
      atol: 1e-14,
    });
    // (2e^{−1/2} + 1)·e^{−1/2}
    expect(Math.abs(r.yEnd[0] - (2 * Math.exp(-0.5) + 1) * Math.exp(-0.5))).toBeLessThan(1e-12);
  });

  it('a spike at t_k schedules a conductance jump at t_k + t_d (closed form)', () => {
    // u: leaky integrator with reset (spikes at k·T); g' = −g/tau_g, g += w at t_k + d.
    // g(t1) = Σ_{k: t_k + d <= t1} w·e^{−(t1 − t_k − d)/tau_g}
    const tau = 10;
    const I = 1.5;
    const period = tau * Math.log(I / (I - 1));
    const tauG = 3;
    const w = 0.7;
    const delay = 2.5;
    const t1 = 5.3 * period;
    const rhs: Rhs = (_t, y, d) => {
      d[0] = (I - y[0]) / tau;
      d[1] = -y[1] / tauG;
    };
    const r = integrate(rhs, 0, [0, 0], t1, {
      rtol: 1e-11,
      atol: 1e-13,
      events: [
        {
          value: (_t, y) => y[0] - 1,
          direction: 1,
          affect: (t, y, ctx) => {
            y[0] = 0;
            ctx.schedule(t + delay, (_s, z) => {
              z[1] += w;
            });
          },
        },
      ],
    });
    let g = 0;
    for (let k = 1; k * period + delay <= t1; k++) g += w * Math.exp(-(t1 - k * period - delay) / tauG);
    expect(r.status).toBe('success');
    expect(Math.abs(r.yEnd[1] - g)).toBeLessThan(1e-10);
    // 5 spikes and 5 delayed jumps (the 5th jump at 5T + 2.5 < 5.3T since T ≈ 10.99)
    const spikes = r.events.filter((e) => e.index === 0);
    const jumps = r.events.filter((e) => e.index === -1);
    expect(spikes.length).toBe(5);
    expect(jumps.length).toBe(5);
    jumps.forEach((e, k) => expect(Math.abs(e.t - ((k + 1) * period + delay))).toBeLessThan(1e-9));
    // records are in time order overall
    for (let i = 1; i < r.events.length; i++) expect(r.events[i].t).toBeGreaterThanOrEqual(r.events[i - 1].t);
  });

  it('a change scheduled beyond t1 is dropped; one before the current time is an error', () => {
    const late = integrate(decay, 0, [1], 1, {
      schedule: [{ t: 0.5, affect: (t, _y, ctx) => ctx.schedule(t + 10, (_s, y) => void (y[0] = 100)) }],
    });
    expect(late.events.length).toBe(1);
    expect(late.yEnd[0]).toBeLessThan(1);
    expect(() =>
      integrate(decay, 0, [1], 1, {
        schedule: [{ t: 0.5, affect: (t, _y, ctx) => ctx.schedule(t - 0.1, () => {}) }],
      }),
    ).toThrow(/ctx.schedule: at must be a time at or after the current time 0.5.*got 0.4/);
  });

  it('an affect can schedule a change at the current time: it runs before the samples', () => {
    const r = integrate(decay, 0, [1], 1, {
      sample: [0, 0.5, 1],
      schedule: [{ t: 0.5, affect: (t, _y, ctx) => ctx.schedule(t, (_s, y) => void (y[0] = 7)) }],
      rtol: 1e-12,
      atol: 1e-14,
    });
    expect(r.y[1][0]).toBe(7);
    expect(Math.abs(r.yEnd[0] - 7 * Math.exp(-0.5))).toBeLessThan(1e-12);
  });
});

describe('backward integration (t1 < t0)', () => {
  it('decay run backwards, with a sample grid, an event and a scheduled change', () => {
    // y' = −y from y(2) = e^{−2} back to t = 0, y = e^{−t}; event y = 1/2 at t = ln 2;
    // a change at t = 0.5 (reached after ln 2 going backwards) doubles y.
    const r = integrate((_t, y, d) => void (d[0] = -y[0]), 2, [Math.exp(-2)], 0, {
      rtol: 1e-12,
      atol: 1e-14,
      sample: [2, 1.5, 1, 0.25],
      events: [{ value: (_t, y) => y[0] - 0.5, direction: 1 }],
      schedule: [{ t: 0.5, affect: (_t, y) => void (y[0] *= 2) }],
    });
    expect(r.status).toBe('success');
    expect(r.tEnd).toBe(0);
    expect(Array.from(r.t)).toEqual([2, 1.5, 1, 0.25]);
    expect(Math.abs(r.y[1][0] - Math.exp(-1.5))).toBeLessThan(1e-13);
    // y increases going backwards: the upward crossing (direction +1 in the direction of integration)
    expect(r.events[0].index).toBe(0);
    expect(Math.abs(r.events[0].t - Math.LN2)).toBeLessThan(1e-12);
    expect(r.events[1]).toMatchObject({ t: 0.5, index: -1 });
    expect(Math.abs(r.y[3][0] - 2 * Math.exp(-0.25))).toBeLessThan(1e-12);
    expect(Math.abs(r.yEnd[0] - 2)).toBeLessThan(1e-12);
  });
  it('ctx.schedule works backwards: at must be earlier than t', () => {
    const r = integrate((_t, y, d) => void (d[0] = -y[0]), 1, [1], 0, {
      schedule: [{ t: 0.8, affect: (t, _y, ctx) => ctx.schedule(t - 0.3, (s, y) => void (y[0] = s)) }],
    });
    expect(r.events.map((e) => e.t)).toEqual([0.8, 0.5]);
    expect(Math.abs(r.yEnd[0] - 0.5 * Math.exp(0.5))).toBeLessThan(1e-6);
  });
});

describe('robustness', () => {
  const ramp: Rhs = (_t, _y, d) => {
    d[0] = 1;
  };
  it('a Zeno-like loop (reset to just below the threshold) ends with maxEvents, not a hang', () => {
    const r = integrate(ramp, 0, [0], 10, {
      maxEvents: 50,
      events: [{ value: (_t, y) => y[0] - 1, direction: 1, affect: (_t, y) => void (y[0] = 1 - 1e-9) }],
    });
    expect(r.status).toBe('maxEvents');
    expect(r.events.length).toBe(50);
    // 49 re-crossings, each 1e-9 after the previous
    expect(Math.abs(r.tEnd - (1 + 50e-9))).toBeLessThan(1e-12);
  });
  it('maxEvents: 0 stops at the first event, passive or scheduled', () => {
    const a = integrate(ramp, 0, [0], 1, { maxEvents: 0, events: [{ value: (_t, y) => y[0] - 0.5 }] });
    expect(a.status).toBe('maxEvents');
    expect(Math.abs(a.tEnd - 0.5)).toBeLessThan(1e-12);
    expect(a.events.length).toBe(0);
    const b = integrate(ramp, 0, [0], 1, { maxEvents: 0, schedule: [{ t: 0.25, affect: () => {} }] });
    expect(b.status).toBe('maxEvents');
    expect(b.tEnd).toBe(0.25);
    expect(b.message).toMatch(/scheduled change at t = 0.25 was not applied/);
  });
  it('an event value that becomes NaN gives status nonFinite', () => {
    const r = integrate(ramp, 0, [0], 1, { events: [{ value: (_t, y) => (y[0] > 0.5 ? Number.NaN : 1) }] });
    expect(r.status).toBe('nonFinite');
    expect(r.message).toMatch(/event 0 value is NaN/);
    expect(r.tEnd).toBeLessThanOrEqual(0.5);
  });
  it('a non-finite derivative at t0 is reported at t0', () => {
    const r = integrate((_t, y, d) => void (d[0] = 1 / y[0]), 0, [0], 1);
    expect(r.status).toBe('nonFinite');
    expect(r.tEnd).toBe(0);
    expect(r.message).toMatch(/dydt\[0\] = Infinity at t = 0;/);
  });
  it('event objects keep their `this`', () => {
    class Threshold implements IntegrateEvent {
      count = 0;
      constructor(readonly level: number) {}
      value(_t: number, y: Float64Array): number {
        return y[0] - this.level;
      }
      affect(_t: number, y: Float64Array): void {
        this.count++;
        y[0] = 0;
      }
    }
    const ev = new Threshold(0.3);
    const r = integrate(ramp, 0, [0], 1, { events: [ev] });
    expect(ev.count).toBe(3);
    expect(r.events.length).toBe(3);
    const back = new Threshold(-0.3);
    integrate(ramp, 1, [0], 0, { events: [back] });
    expect(back.count).toBe(3);
  });
  it('a { dt } grid runs in the direction of integration when t1 < t0', () => {
    const r = integrate((_t, y, d) => void (d[0] = -y[0]), 1, [1], 0, { sample: { dt: 0.25 }, rtol: 1e-10, atol: 1e-12 });
    expect(Array.from(r.t)).toEqual([1, 0.75, 0.5, 0.25, 0]);
    r.t.forEach((t, i) => expect(Math.abs(r.y[i][0] - Math.exp(1 - t))).toBeLessThan(1e-9));
  });
  it('large time offsets: t in [1e6, 1e6 + 10.5] with resets at known times', () => {
    const t0 = 1e6;
    const r = integrate(ramp, t0, [0], t0 + 10.5, {
      events: [{ value: (_t, y) => y[0] - 1, direction: 1, affect: (_t, y) => void (y[0] = 0) }],
    });
    expect(r.events.length).toBe(10);
    // floating-point resolution at 1e6 is 1.2e-10: the event times are good to a few ulp·k
    r.events.forEach((e, k) => expect(Math.abs(e.t - (t0 + k + 1))).toBeLessThan(1e-8));
  });
});

describe('default output (no sample option)', () => {
  const ramp: Rhs = (_t, _y, d) => {
    d[0] = 1;
  };
  it('holds t0, each event (before and after a reset) and tEnd: a sawtooth', () => {
    const r = integrate(ramp, 0, [0], 2.5, {
      events: [{ value: (_t, y) => y[0] - 1, direction: 1, affect: (_t, y) => void (y[0] = 0) }],
    });
    const t = Array.from(r.t);
    const u = r.y.map((y) => y[0]);
    expect(t.length).toBe(6);
    expect(t[0]).toBe(0);
    expect(Math.abs(t[1] - 1)).toBeLessThan(1e-12);
    expect(t[2]).toBe(t[1]);
    expect(t[4]).toBe(t[3]);
    expect(t[5]).toBe(2.5);
    expect(u[1]).toBeCloseTo(1, 10);
    expect(u[2]).toBe(0);
    expect(u[3]).toBeCloseTo(1, 10);
    expect(u[4]).toBe(0);
    expect(u[5]).toBeCloseTo(0.5, 10);
  });
  it('a passive event appears once; a terminal event ends the output without a duplicate', () => {
    const r = integrate(ramp, 0, [0], 1, {
      events: [{ value: (_t, y) => y[0] - 0.25 }, { value: (_t, y) => y[0] - 0.5, terminal: true }],
    });
    expect(r.t.length).toBe(3);
    expect(r.y.map((y) => +y[0].toFixed(9))).toEqual([0, 0.25, 0.5]);
    expect(r.t[2]).toBe(r.tEnd);
  });
  it('a scheduled change at t1 gives its before and after states last', () => {
    const r = integrate(ramp, 0, [0], 1, { schedule: [{ t: 1, affect: (_t, y) => void (y[0] = -5) }] });
    expect(Array.from(r.t)).toEqual([0, 1, 1]);
    expect(r.y[1][0]).toBeCloseTo(1, 12);
    expect(r.y[2][0]).toBe(-5);
    expect(r.yEnd[0]).toBe(-5);
  });
  it('with no events it is [t0, t1]; with t1 = t0 it is [t0, t0]', () => {
    expect(Array.from(integrate(ramp, 0, [0], 1).t)).toEqual([0, 1]);
    expect(Array.from(integrate(ramp, 3, [0], 3).t)).toEqual([3, 3]);
  });
  it('a non-finite affect: yEnd is the state before it', () => {
    const r = integrate(ramp, 0, [0], 1, { schedule: [{ t: 0.5, affect: (_t, y) => void (y[0] = Infinity) }] });
    expect(r.status).toBe('nonFinite');
    expect(r.yEnd[0]).toBeCloseTo(0.5, 12);
    expect(Array.from(r.t)).toEqual([0, 0.5]);
  });
});

describe('property: leaky integrate-and-fire with reset to u_r', () => {
  it('spike k is at k·tau·ln((I − u_r)/(I − theta)) after the first at tau·ln(I/(I − theta)) (random I, tau, u_r)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1.05, max: 3, noNaN: true }),
        fc.double({ min: 0.5, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 0.8, noNaN: true }),
        (I, tau, ur) => {
          const theta = 1;
          const first = tau * Math.log(I / (I - theta)); // from u(0) = 0
          const period = tau * Math.log((I - ur) / (I - theta));
          const nSpikes = 20;
          const r = integrate((_t, u, d) => void (d[0] = (I - u[0]) / tau), 0, [0], first + (nSpikes - 0.5) * period, {
            rtol: 1e-10,
            atol: 1e-12,
            events: [{ value: (_t, u) => u[0] - theta, direction: 1, affect: (_t, u) => void (u[0] = ur) }],
          });
          if (r.status !== 'success' || r.events.length !== nSpikes) return false;
          // rtol 1e-10 per interval, 20 intervals: well inside 1e-8 relative
          return r.events.every((e, k) => Math.abs(e.t - (first + k * period)) <= 1e-8 * (first + k * period));
        },
      ),
      { seed: 42, numRuns: 40 },
    );
  });
});
