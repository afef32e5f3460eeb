import { it } from 'vitest';
import { simulate } from '@neurobridge/lif';
it('x', () => {
  for (const method of ['exact', 'odex'] as const) {
    const r = simulate({ tau: 10, V0: 15, dg: 0.1, tauK: 100, td: 2 }, { duration: 500, method });
    console.log(method, r.spikes, r.uEnd - 15);
  }
});
