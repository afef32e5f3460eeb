// Compile-time checks that the public signatures match the core API contract (section A);
// `npx tsc -p tsconfig.json --noEmit` fails if they drift. The runtime assertions are trivial
// by design: the content of this file is its types.
import { describe, expectTypeOf, it } from 'vitest';
import { createEulerStepper, createRk4Stepper, euler, integrate, rk4 } from '@neurobridge/core';
import type {
  EventContext,
  EventRecord,
  IntegrateEvent,
  IntegrateOptions,
  IntegrateResult,
  IntegrateStatus,
  Rhs,
  ScheduledChange,
} from '@neurobridge/core';

describe('contract types (section A)', () => {
  it('integrate and its result', () => {
    expectTypeOf(integrate).parameters.toEqualTypeOf<
      [rhs: Rhs, t0: number, y0: ArrayLike<number>, t1: number, options?: IntegrateOptions]
    >();
    expectTypeOf(integrate).returns.toEqualTypeOf<IntegrateResult>();
    expectTypeOf<IntegrateResult['t']>().toEqualTypeOf<Float64Array>();
    expectTypeOf<IntegrateResult['y']>().toEqualTypeOf<Float64Array[]>();
    expectTypeOf<IntegrateResult['events']>().toEqualTypeOf<EventRecord[]>();
    expectTypeOf<IntegrateStatus>().toEqualTypeOf<'success' | 'terminated' | 'maxSteps' | 'maxEvents' | 'nonFinite'>();
    expectTypeOf<IntegrateResult['stats']>().toMatchTypeOf<{
      nEval: number;
      nAccept: number;
      nReject: number;
      nEvents: number;
      nRestarts: number;
    }>();
    expectTypeOf<EventRecord>().toEqualTypeOf<{ t: number; y: Float64Array; index: number }>();
  });
  it('events, schedule and the context', () => {
    expectTypeOf<Rhs>().toEqualTypeOf<(t: number, y: Float64Array, dydt: Float64Array) => void>();
    expectTypeOf<IntegrateEvent['direction']>().toEqualTypeOf<1 | -1 | 0 | undefined>();
    expectTypeOf<ScheduledChange['t']>().toEqualTypeOf<number>();
    // a two-argument affect (the contract's form) is accepted by ctx.schedule
    expectTypeOf<EventContext['schedule']>().toBeCallableWith(1, (_t: number, _y: Float64Array) => {});
    expectTypeOf<IntegrateOptions['sample']>().toEqualTypeOf<ArrayLike<number> | { dt: number } | undefined>();
  });
  it('fixed-step methods', () => {
    expectTypeOf(rk4).parameters.toEqualTypeOf<Parameters<typeof euler>>();
    expectTypeOf(rk4).returns.toMatchTypeOf<{ t: Float64Array; y: Float64Array[]; yEnd: Float64Array }>();
    expectTypeOf(createRk4Stepper(2).step).toEqualTypeOf<(rhs: Rhs, t: number, y: Float64Array, h: number) => void>();
    expectTypeOf(createEulerStepper).returns.toEqualTypeOf<ReturnType<typeof createRk4Stepper>>();
    // never called: only its type matters
    const missingSteps = () =>
      // @ts-expect-error options.steps is required
      rk4((_t, _y, _d) => {}, 0, [1], 1, {});
    expectTypeOf(missingSteps).toBeFunction();
  });
});
