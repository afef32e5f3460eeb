// Type tests of the public API (checked by `tsc -p tsconfig.json`, as stdlib's docs/types/test.ts):
// wrong parameter objects must not compile. At run time only the assertions on values run.
import { expect, expectTypeOf, it } from 'vitest';
import { classify, simulate, type FiringClass, type LifParams, type SimulateResult } from '@neurobridge/lif';

const p: LifParams = { tau: 10, V0: 30, dg: 0.1, tauK: Infinity, td: 0 };

it('public signatures', () => {
  expectTypeOf(simulate).parameter(0).toEqualTypeOf<LifParams>();
  expectTypeOf(simulate).returns.toEqualTypeOf<SimulateResult>();
  expectTypeOf<ReturnType<typeof classify>['class']>().toEqualTypeOf<FiringClass>();
  expectTypeOf<SimulateResult['spikes']>().toEqualTypeOf<Float64Array>();
  const wrong = (): void => {
    // @ts-expect-error tauK is required (Infinity must be said explicitly)
    simulate({ tau: 10, V0: 30, dg: 0, td: 0 }, { duration: 1 });
    // @ts-expect-error duration is required
    simulate(p, {});
    // @ts-expect-error method is 'exact' | 'odex'
    simulate(p, { duration: 1, method: 'rk4' });
    // @ts-expect-error record is { dt } or an array of times
    simulate(p, { duration: 1, record: 'all' });
  };
  expect(typeof wrong).toBe('function');
  expect(simulate(p, { duration: 7 }).spikes.length).toBe(1); // t_s(0) = 6.93 ms
});
