import { nonNegativeNumber, show as showValue } from '@neurobridge/core';
import { checkResult, checkValue, nonEmptyString, objectWith } from './check.js';
import type { ClaimResult, PlotData, Value, Verdict } from './types.js';

/**
 * Tolerance of a numeric comparison: |measured − expected| ≤ abs + rel·|expected|.
 * @category Judges
 */
export interface Tolerance {
  /** absolute part, in the unit of the value (finite, ≥ 0). @default 0 */
  readonly abs?: number;
  /** relative part, a fraction of |expected| (finite, ≥ 0); alone, the error is reported relative. @default 0 */
  readonly rel?: number;
  /** why the tolerance is what it is */
  readonly reason: string;
}

/**
 * The parts of a result a claim adds to a comparison.
 * @category Judges
 */
export interface ResultExtras {
  /** a line of further numbers, copied to ClaimResult.details */
  readonly details?: string;
  /** the claim's plot, copied to ClaimResult.plot */
  readonly plot?: PlotData;
}

/**
 * A numeric claim: reproduced when |measured − expected| ≤ abs + rel·|expected|, else failed.
 * The error is reported relative (|Δ|/|expected|) when only `rel` is given, else absolute.
 * @category Judges
 */
export function compare(expected: number, measured: number, tol: Tolerance, extras: ResultExtras = {}): ClaimResult {
  if (typeof expected !== 'number') throw new TypeError(`expected must be a number; got ${showValue(expected)}`);
  if (typeof measured !== 'number') throw new TypeError(`measured must be a number; got ${showValue(measured)}`);
  checkTolerance(tol);
  checkExtras(extras);
  const diff = Math.abs(measured - expected);
  const bound = (tol.abs ?? 0) + (tol.rel === undefined ? 0 : tol.rel * Math.abs(expected)); // no 0·∞ when expected is infinite
  const relative = tol.abs === undefined && tol.rel !== undefined;
  const error = relative ? diff / Math.max(Math.abs(expected), Number.MIN_VALUE) : diff;
  const ok = diff <= bound; // NaN fails
  return {
    expected, measured, error, errorKind: relative ? 'relative' : 'absolute',
    tolerance: relative ? (tol.rel as number) : bound, toleranceReason: tol.reason,
    verdict: ok ? 'reproduced' : 'failed', ...extras,
  };
}

/** { abs?, rel?, reason }: abs, rel finite and ≥ 0, at least one of them, a reason. */
function checkTolerance(tol: Tolerance): void {
  objectWith('tol', tol, ['abs', 'rel', 'reason']);
  if (tol.abs !== undefined) nonNegativeNumber('tol.abs', tol.abs);
  if (tol.rel !== undefined) nonNegativeNumber('tol.rel', tol.rel);
  if (tol.abs === undefined && tol.rel === undefined) throw new TypeError('tol must give abs or rel (or both); got neither');
  nonEmptyString('tol.reason', tol.reason);
}

function checkExtras(extras: ResultExtras): void {
  objectWith('extras', extras, ['details', 'plot']);
  if (extras.details !== undefined && typeof extras.details !== 'string') throw new TypeError(`extras.details must be a string; got ${showValue(extras.details)}`);
}

/**
 * A statistical claim: the p-value of a test whose distribution under the claim is known;
 * reproduced when p ≥ level (a correct claim fails with probability `level` per seed).
 * @category Judges
 */
export function pValue(expected: Value, measured: Value, p: number, level: number, reason: string, extras: ResultExtras = {}): ClaimResult {
  checkValue('expected', expected);
  checkValue('measured', measured);
  if (typeof p !== 'number') throw new TypeError(`p must be a number; got ${showValue(p)}`);
  if (p < 0 || p > 1) throw new RangeError(`p must be in [0, 1] (or NaN, a failed test); got ${showValue(p)}`);
  if (typeof level !== 'number') throw new TypeError(`level must be a number; got ${showValue(level)}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1); got ${showValue(level)}`);
  nonEmptyString('reason', reason);
  checkExtras(extras);
  return {
    expected, measured, error: p, errorKind: 'p-value', tolerance: level, toleranceReason: reason,
    verdict: p >= level ? 'reproduced' : 'failed', ...extras,
  };
}

/**
 * A claim that is a fact (a count, a set, a sign pattern), checked exactly.
 * @category Judges
 */
export function fact(expected: Value, measured: Value, ok: boolean, reason: string, extras: ResultExtras = {}): ClaimResult {
  checkValue('expected', expected);
  checkValue('measured', measured);
  if (typeof ok !== 'boolean') throw new TypeError(`ok must be a boolean; got ${showValue(ok)}`);
  nonEmptyString('reason', reason);
  checkExtras(extras);
  return { expected, measured, error: null, errorKind: 'exact', tolerance: null, toleranceReason: reason, verdict: ok ? 'reproduced' : 'failed', ...extras };
}

/**
 * A printed statement checked against the numbers: `printed` is the document's check, `correct`
 * the corrected statement's. reproduced when the printed one holds; refuted when it does not and
 * the corrected one does (the document is wrong and the numbers show it); failed otherwise.
 * The result shown is the printed one's — expected is what the document says, measured what
 * the numbers give — with the corrected statement's outcome in `details`.
 * @category Judges
 */
export function documentCheck(printed: ClaimResult, correct: ClaimResult): ClaimResult {
  checkResult('printed', printed);
  checkResult('correct', correct);
  if (printed.verdict === 'reproduced') return printed;
  const verdict: Verdict = correct.verdict === 'reproduced' ? 'refuted' : 'failed';
  const fixed = `corrected: expected ${show(correct.expected)}, measured ${show(correct.measured)}${correct.error === null ? '' : `, ${correct.errorKind} error ${show(correct.error)} (tolerance ${show(correct.tolerance)}: ${correct.toleranceReason})`}`;
  return { ...printed, verdict, details: [fixed, correct.details, printed.details].filter(Boolean).join('; '), plot: correct.plot ?? printed.plot };
}

/**
 * A value for a table: numbers to 6 significant digits (exponent form when small or large).
 * @category Reports
 */
export function show(v: Value | null): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  if (typeof v !== 'number') throw new TypeError(`v must be a number, a string or null; got ${showValue(v)}`);
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(3) : String(Number(v.toPrecision(6)));
}
