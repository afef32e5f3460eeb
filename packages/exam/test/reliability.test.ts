// Issue 16: no silent wrong answers, no hangs, every bad input a TypeError/RangeError naming the
// caller's parameter. One regression per weakness found by the audit, grouped by source file.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  allClaims, claimContext, compare, documentCheck, fact, formatMarkdown, formatText, groupOutcomes, pValue,
  runClaims, show, summarize, summaryLine, toJson, type ClaimOutcome,
} from '@neurobridge/exam';

const bad = <T>(v: unknown) => v as T;
const tol = { abs: 1e-9, reason: 'r' };
const outcomes = (): ClaimOutcome[] => [{ claim: allClaims()[0], result: compare(1, 1, tol), ms: 1 }];
const meta = { seed: 's', date: 'd', seconds: 1 };

describe('judges check their tolerance and values (judge)', () => {
  it('a misspelt tolerance key is a TypeError, not a zero tolerance', () => {
    expect(() => compare(1, 1.5, bad({ absolute: 1, reason: 'r' }))).toThrow(new TypeError('tol.absolute is not a key of tol (known: abs, rel, reason)'));
  });
  it('tolerances must be numbers >= 0, at least one given, with a reason', () => {
    expect(() => compare(1, 1, bad(null))).toThrow(/^tol must be an object/);
    expect(() => compare(1, 1.5, bad({ abs: '1', reason: 'r' }))).toThrow(new TypeError('tol.abs must be a number; got "1"'));
    expect(() => compare(1, 1, { abs: -1, reason: 'r' })).toThrow(/^tol.abs must be >= 0/);
    expect(() => compare(1, 5, { rel: Infinity, reason: 'r' })).toThrow(/^tol.rel must be >= 0 and finite/);
    expect(() => compare(1, 1, { reason: 'r' })).toThrow(/^tol must give abs or rel/);
    expect(() => compare(1, 1, bad({ abs: 1 }))).toThrow(/^tol.reason must be a non-empty string/);
    expect(() => compare(1, 1, tol, bad({ detail: 'x' }))).toThrow(/extras.detail is not a key of extras \(did you mean details\?/);
  });
  it('values must be numbers (compare) or numbers and strings (pValue, fact); NaN is a failed verdict', () => {
    expect(() => compare(bad('1'), 1, tol)).toThrow(new TypeError('expected must be a number; got "1"'));
    expect(() => compare(1, bad(null), tol)).toThrow(new TypeError('measured must be a number; got null'));
    expect(compare(1, NaN, tol).verdict).toBe('failed');
    expect(() => pValue(bad(null), 1, 0.5, 0.01, 'r')).toThrow(/^expected must be a number or a string/);
    expect(() => fact(bad(undefined), 1, true, 'r')).toThrow(/^expected must be a number or a string/);
  });
  it('pValue checks p and level; fact checks ok', () => {
    expect(() => pValue(1, 1, bad('0.5'), 0.01, 'r')).toThrow(new TypeError('p must be a number; got "0.5"'));
    expect(() => pValue(1, 1, 2, 0.01, 'r')).toThrow(/^p must be in \[0, 1\] \(or NaN, a failed test\); got 2/);
    expect(() => pValue(1, 1, 0.5, -1, 'r')).toThrow(/^level must be in \(0, 1\); got -1/);
    expect(() => pValue(1, 1, 0.5, 0.01, bad(undefined))).toThrow(/^reason must be a non-empty string/);
    expect(pValue(1, 1, NaN, 0.01, 'r').verdict).toBe('failed');
    expect(() => fact(1, 1, bad('yes'), 'r')).toThrow(new TypeError('ok must be a boolean; got "yes"'));
  });
  it('documentCheck checks both results', () => {
    expect(() => documentCheck(bad(null), compare(1, 1, tol))).toThrow(/^printed must be a ClaimResult/);
    expect(() => documentCheck(compare(1, 2, tol), bad({ ...compare(1, 1, tol), verdict: 'bogus' }))).toThrow(/^correct.verdict must be 'reproduced', 'refuted' or 'failed'; got "bogus"/);
  });
  it('show names what it cannot show', () => {
    expect(() => show(bad(undefined))).toThrow(new TypeError('v must be a number, a string or null; got undefined'));
  });
});

describe('the runner checks its options before running anything (run)', () => {
  it('a misspelt key, a string or an array for options is a TypeError at once, not a run of every claim', async () => {
    await expect(runClaims(bad({ onlyy: 'chain' }))).rejects.toThrow(/options.onlyy is not an option \(did you mean only\?/);
    await expect(runClaims(bad('gatsby'))).rejects.toThrow(/^options must be an object/);
    await expect(runClaims(bad([]))).rejects.toThrow(/^options must be an object/);
    await expect(runClaims(bad({ only: null }))).rejects.toThrow(new TypeError('options.only must be a string; got null'));
    await expect(runClaims(bad({ seed: null, only: 'x' }))).rejects.toThrow(/options.seed must be a non-empty string; got null/);
    await expect(runClaims(bad({ onProgress: 'x', only: 'x' }))).rejects.toThrow(/options.onProgress must be a function/);
  });
  it('claimContext checks seed and id', () => {
    expect(() => claimContext(bad(5), 'x')).toThrow(/^seed must be a non-empty string; got 5/);
    expect(() => claimContext('s', '')).toThrow(/^id must be a non-empty string; got ""/);
  });
});

describe('reports check outcomes, slips and meta (report)', () => {
  it('outcomes, slips and meta are named', () => {
    for (const f of [summarize, groupOutcomes, (o: unknown) => formatText(bad(o), []), (o: unknown) => formatMarkdown(bad(o), [], meta), (o: unknown) => toJson(bad(o), [], meta)]) {
      expect(() => f(bad(null))).toThrow(/^outcomes must be an array of outcomes from runClaims/);
      expect(() => f(bad([null]))).toThrow(/^outcomes\[0\] must be an outcome \{ claim, result, ms \} from runClaims/);
      expect(() => f(bad([{ claim: null, result: {}, ms: 1 }]))).toThrow(/^outcomes\[0\] must be an outcome/);
    }
    expect(() => formatText(outcomes(), bad('x'))).toThrow(/^slips must be an array of slips/);
    expect(() => formatText(outcomes(), bad([{}]))).toThrow(/^slips\[0\] must be a slip/);
    expect(() => formatMarkdown(outcomes(), [], bad(null))).toThrow(/^meta must be an object/);
    expect(() => formatMarkdown(outcomes(), [], bad({ seed: 's', date: 'd', secs: 1 }))).toThrow(/meta.secs is not a key of meta \(.*known: seed, date, seconds\)/);
    expect(() => toJson(outcomes(), [], bad({ seed: 's', date: 'd', seconds: '1' }))).toThrow(new TypeError('meta.seconds must be a number; got "1"'));
    expect(() => toJson(outcomes(), [], { seed: 's', date: 'd', seconds: NaN })).toThrow(/^meta.seconds must be >= 0 and finite/);
  });
  it('summaryLine checks the summary', () => {
    expect(() => summaryLine(bad({}))).toThrow(/^summary.claims must be an integer/);
    expect(() => summaryLine(bad({ claims: 1, reproduced: 1, refuted: 0, failed: 0, faild: 0 }))).toThrow(/summary.faild is not a key of summary/);
  });
});

describe('properties of the public API (fast-check, fixed seed)', () => {
  const params = { seed: 16, numRuns: 300 };
  const anything = fc.oneof(fc.string(), fc.constant(null), fc.constant(undefined), fc.double(), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }), fc.object({ maxDepth: 1 }));
  it('compare: the verdict is reproduced exactly when |measured − expected| ≤ abs + rel·|expected|', () => {
    fc.assert(fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (e, m, abs, rel) => {
      const r = compare(e, m, { abs, rel, reason: 'r' });
      return (r.verdict === 'reproduced') === (Math.abs(m - e) <= abs + rel * Math.abs(e));
    }), params);
  });
  it('summarize counts every outcome once', () => {
    const verdicts = fc.array(fc.constantFrom('reproduced', 'refuted', 'failed'), { maxLength: 30 });
    fc.assert(fc.property(verdicts, (vs) => {
      const claim = allClaims()[0];
      const s = summarize(vs.map((verdict) => ({ claim, result: { ...compare(1, 1, tol), verdict: verdict as 'failed' }, ms: 0 })));
      return s.claims === vs.length && s.reproduced + s.refuted + s.failed === vs.length;
    }), params);
  });
  it('bad arguments give a TypeError or RangeError naming the parameter, quickly', () => {
    const calls: [string, (v: unknown) => unknown][] = [
      ['tol', (v) => compare(1, 1, bad(v))], ['expected', (v) => compare(bad(v), 1, tol)], ['p', (v) => pValue(1, 1, bad(v), 0.05, 'r')],
      ['ok', (v) => fact(1, 1, bad(v), 'r')], ['summary', (v) => summaryLine(bad(v))], ['outcomes', (v) => summarize(bad(v))],
      ['seed', (v) => claimContext(bad(v), 'x')], ['meta', (v) => toJson(outcomes(), [], bad(v))],
    ];
    fc.assert(fc.property(fc.integer({ min: 0, max: calls.length - 1 }), anything, (i, v) => {
      const [name, call] = calls[i];
      const t0 = performance.now();
      try { call(v); } catch (e) {
        if (!(e instanceof TypeError || e instanceof RangeError)) return false;
        // a hang guard, not a speed test: refusing bad input takes microseconds, 3 s means a run began
        return e.message.startsWith(name) && performance.now() - t0 < 3000;
      }
      return true; // some random values are valid (a string seed, a number p in [0, 1], a boolean ok)
    }), params);
  });
});
