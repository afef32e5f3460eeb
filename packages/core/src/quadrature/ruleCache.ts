/**
 * A quadrature rule as the rule builders return it: nodes x_i and weights w_i (length n each),
 * shared between callers through the cache below. The type lives here, not in hermiteRule.ts,
 * so that the builders depend on the cache and the cache on no builder.
 */
export interface QuadratureRule {
  nodes: Float64Array;
  weights: Float64Array;
}

/** Rules kept per cache before it is emptied (a rule of order n holds 2n doubles). */
const MAX_CACHED_RULES = 64;

/**
 * `compute` memoised by order: the returned function hands out shared arrays (callers must
 * not mutate them); the cache is cleared once it holds more than MAX_CACHED_RULES orders.
 */
export function cachedRule(compute: (n: number) => QuadratureRule): (n: number) => QuadratureRule {
  const cache = new Map<number, QuadratureRule>();
  return (n) => {
    let rule = cache.get(n);
    if (rule === undefined) {
      rule = compute(n);
      if (cache.size > MAX_CACHED_RULES) cache.clear();
      cache.set(n, rule);
    }
    return rule;
  };
}
