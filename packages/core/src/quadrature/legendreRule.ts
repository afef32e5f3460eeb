import type { QuadratureRule } from './ruleCache.js';
import { cachedRule } from './ruleCache.js';

/**
 * Gauss–Legendre rule on [−1, 1] (weights sum to 2), nodes ascending: Newton on the
 * Legendre recurrence (k+1)P_{k+1} = (2k+1)x P_k − k P_{k−1} from the initial guesses
 * cos(π(i + 3/4)/(n + 1/2)) (Tricomi), P_n' = n(x P_n − P_{n−1})/(x² − 1),
 * w_i = 2/((1 − x_i²) P_n'(x_i)²). Cached; callers must not mutate the arrays.
 */
export const legendreRule: (n: number) => QuadratureRule = cachedRule(computeLegendreRule);

/** Largest order accepted. */
export const MAX_LEGENDRE_ORDER = 2000;

function computeLegendreRule(n: number): QuadratureRule {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  const half = Math.floor(n / 2);
  for (let i = 0; i < half; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5)); // i-th largest zero
    let dp = 1;
    for (let it = 0; it < 100; it++) {
      const [p, pPrev] = legendre(n, x);
      dp = (n * (x * p - pPrev)) / (x * x - 1);
      const dx = p / dp;
      x -= dx;
      if (Math.abs(dx) <= 2 * Number.EPSILON * Math.abs(x)) break;
    }
    const [p, pPrev] = legendre(n, x);
    dp = (n * (x * p - pPrev)) / (x * x - 1);
    const w = 2 / ((1 - x * x) * dp * dp);
    nodes[n - 1 - i] = x;
    nodes[i] = -x;
    weights[n - 1 - i] = w;
    weights[i] = w;
  }
  if (n % 2 === 1) {
    const [, pPrev] = legendre(n, 0);
    const dp = n * pPrev; // P_n'(0) = n·P_{n−1}(0)
    nodes[half] = 0;
    weights[half] = 2 / (dp * dp);
  }
  return { nodes, weights };
}

/** [P_n(x), P_{n−1}(x)] */
function legendre(n: number, x: number): [number, number] {
  let pPrev = 1;
  let p = x;
  if (n === 0) return [1, 0];
  for (let k = 1; k < n; k++) {
    const next = ((2 * k + 1) * x * p - k * pPrev) / (k + 1);
    pPrev = p;
    p = next;
  }
  return [p, pPrev];
}
