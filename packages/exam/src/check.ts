import { knownKeys, show } from '@neurobridge/core';
import type { ClaimResult, Slip, Value } from './types.js';

/**
 * Boundary checks of the exam's public functions (issue 16): each throws a TypeError or
 * RangeError naming the caller's parameter, its value and what is allowed.
 */

/** An object (not null, not an array) whose keys are all in `known`. */
export function objectWith<T extends object>(name: string, value: T, known: readonly string[]): T {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TypeError(`${name} must be an object; got ${show(value)}`);
  return knownKeys(name, value, known);
}

/** A non-empty string. */
export function nonEmptyString(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${name} must be a non-empty string; got ${show(value)}`);
  return value;
}

/** A Value: a number (NaN allowed: it fails its comparison) or a string. */
export function checkValue(name: string, value: unknown): Value {
  if (typeof value !== 'number' && typeof value !== 'string') throw new TypeError(`${name} must be a number or a string; got ${show(value)}`);
  return value;
}

const VERDICTS = ['reproduced', 'refuted', 'failed'];

/** A ClaimResult as the judges make it: an object with a known verdict. O(1). */
export function checkResult(name: string, value: unknown): ClaimResult {
  const r = value as Partial<ClaimResult> | null;
  if (r === null || typeof r !== 'object' || Array.isArray(r)) throw new TypeError(`${name} must be a ClaimResult from compare, pValue or fact; got ${show(value)}`);
  if (!VERDICTS.includes(r.verdict as string)) throw new RangeError(`${name}.verdict must be 'reproduced', 'refuted' or 'failed'; got ${show(r.verdict)}`);
  return r as ClaimResult;
}

/** Outcomes as runClaims returns them: each { claim: { id, source, … }, result: { verdict, … }, ms }. O(n). */
export function checkOutcomes(value: unknown): void {
  if (!Array.isArray(value)) throw new TypeError(`outcomes must be an array of outcomes from runClaims; got ${show(value)}`);
  value.forEach((o: unknown, i) => {
    const x = o as { claim?: { id?: unknown; source?: unknown; question?: unknown }; result?: { verdict?: unknown }; ms?: unknown } | null;
    const ok = x !== null && typeof x === 'object' && x.claim !== null && typeof x.claim === 'object' && typeof x.claim.id === 'string' &&
      typeof x.claim.source === 'string' && typeof x.claim.question === 'string' && x.result !== null && typeof x.result === 'object' &&
      VERDICTS.includes(x.result.verdict as string) && typeof x.ms === 'number';
    if (!ok) throw new TypeError(`outcomes[${i}] must be an outcome { claim, result, ms } from runClaims; got ${show(o)}`);
  });
}

/** Slips as allSlips returns them: each { source, location, printed, correct, claim }. O(n). */
export function checkSlips(value: unknown): void {
  if (!Array.isArray(value)) throw new TypeError(`slips must be an array of slips from allSlips; got ${show(value)}`);
  value.forEach((s: unknown, i) => {
    const x = s as Partial<Slip> | null;
    const ok = x !== null && typeof x === 'object' && typeof x.source === 'string' && typeof x.location === 'string' &&
      typeof x.printed === 'string' && typeof x.correct === 'string' && (x.claim === null || typeof x.claim === 'string');
    if (!ok) throw new TypeError(`slips[${i}] must be a slip { source, location, printed, correct, claim } from allSlips; got ${show(s)}`);
  });
}

/** The meta of a Markdown or JSON report: { seed, date, seconds ≥ 0 }. */
export function checkMeta(value: unknown): { seed: string; date: string; seconds: number } {
  const m = objectWith('meta', value as { seed: string; date: string; seconds: number }, ['seed', 'date', 'seconds']);
  nonEmptyString('meta.seed', m.seed);
  if (typeof m.date !== 'string') throw new TypeError(`meta.date must be a string; got ${show(m.date)}`);
  if (typeof m.seconds !== 'number') throw new TypeError(`meta.seconds must be a number; got ${show(m.seconds)}`);
  if (!(m.seconds >= 0) || m.seconds === Infinity) throw new RangeError(`meta.seconds must be >= 0 and finite; got ${show(m.seconds)}`);
  return m;
}
