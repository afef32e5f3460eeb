import { createRng, show } from '@neurobridge/core';
import { nonEmptyString, objectWith } from './check.js';
import { claimsMatching } from './registry.js';
import type { Claim, ClaimContext, ClaimResult } from './types.js';

/**
 * The default seed of the report (any other must give the same verdicts).
 * @category Running
 */
export const DEFAULT_SEED = 'neurobridge';

/**
 * A claim with its outcome and how long it took.
 * @category Running
 */
export interface ClaimOutcome {
  /** the claim that was run */
  readonly claim: Claim;
  /** its judged result (verdict 'failed', errorKind 'exception', when it threw) */
  readonly result: ClaimResult;
  /** wall time, ms */
  readonly ms: number;
}

/**
 * Options of runClaims.
 * @category Running
 */
export interface RunOptions {
  /** run only the claims whose id starts with this. @default '' (all) */
  readonly only?: string;
  /** the seed of every random stream. @default 'neurobridge' */
  readonly seed?: string;
  /** called before each claim runs (index from 0, count, the claim) */
  readonly onProgress?: (index: number, count: number, claim: Claim) => void;
}

/**
 * The context of one claim: its streams depend on (seed, claim id, name) only.
 * @category Running
 */
export function claimContext(seed: string, id: string): ClaimContext {
  nonEmptyString('seed', seed);
  nonEmptyString('id', id);
  const root = createRng(seed).substream(id);
  return { seed, rng: (name = '') => (name ? root.substream(name) : root) };
}

/**
 * Run the claims one after another. A claim that throws is reported as failed, with the
 * error as its measured value, and the run goes on.
 * @category Running
 */
export async function runClaims(options: RunOptions = {}): Promise<ClaimOutcome[]> {
  objectWith('options', options, ['only', 'seed', 'onProgress']);
  const seed = options.seed === undefined ? DEFAULT_SEED : nonEmptyString('options.seed', options.seed);
  const only = options.only === undefined ? '' : options.only;
  if (typeof only !== 'string') throw new TypeError(`options.only must be a string; got ${show(only)}`);
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') throw new TypeError(`options.onProgress must be a function; got ${show(options.onProgress)}`);
  const claims = claimsMatching(only);
  const out: ClaimOutcome[] = [];
  for (const [i, claim] of claims.entries()) {
    options.onProgress?.(i, claims.length, claim);
    const t0 = performance.now();
    let result: ClaimResult;
    try {
      result = await claim.run(claimContext(seed, claim.id));
    } catch (e) {
      result = { expected: '—', measured: `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, error: null, errorKind: 'exception', tolerance: null, toleranceReason: 'a claim must not throw', verdict: 'failed' };
    }
    out.push({ claim, result, ms: performance.now() - t0 });
  }
  return out;
}
