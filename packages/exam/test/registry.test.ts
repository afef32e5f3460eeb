// The registry as CI sees it: every claim runs and is not failed (a claim that stops reproducing
// fails CI), ids are well formed and unique, every slip points at an existing claim, and the
// report renders.
import { describe, expect, it } from 'vitest';
import { allClaims, allSlips, DOCUMENTS, formatMarkdown, formatText, runClaims, toJson } from '@neurobridge/exam';

const ID = /^(gatsby|chain|isnet|dis4|inf264)-q?[0-9a-z]+(\.[0-9a-z]+)*(-[0-9a-z-]+)?$/;

describe('the registry of claims', () => {
  const claims = allClaims();
  it('ids are well formed, unique and match their source', () => {
    const ids = claims.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of claims) {
      expect(c.id).toMatch(ID);
      expect(c.id.startsWith(`${c.source}-`)).toBe(true);
      expect(DOCUMENTS.some((d) => d.prefix === c.source)).toBe(true);
      expect(c.statement.length).toBeGreaterThan(10);
      expect(c.method.length).toBeGreaterThan(10);
    }
  });
  it('every slip names an existing claim (or none, for a typo no number can show)', () => {
    const ids = new Set(claims.map((c) => c.id));
    for (const s of allSlips()) if (s.claim !== null) expect(ids.has(s.claim)).toBe(true);
  });
  for (const claim of claims) {
    it(`${claim.id} is not failed`, async () => {
      const [o] = await runClaims({ only: claim.id, seed: 'ci' }).then((all) => all.filter((x) => x.claim.id === claim.id));
      expect(o.result.verdict, `${claim.id}: expected ${o.result.expected}, measured ${o.result.measured}, ${o.result.details ?? ''}`).not.toBe('failed');
      expect(o.result.toleranceReason.length).toBeGreaterThan(10);
    }, 60_000);
  }
  it('the report renders as text, Markdown and JSON', async () => {
    const outcomes = await runClaims({ only: 'gatsby-q3.1-binned', seed: 'ci' });
    const meta = { seed: 'ci', date: '2026-12-06', seconds: 1 };
    expect(formatText(outcomes, allSlips())).toMatch(/1 claims: 1 reproduced, 0 refuted, 0 failed$/);
    expect(formatMarkdown(outcomes, allSlips(), meta)).toContain('| `gatsby-q3.1-binned` |');
    expect((toJson(outcomes, allSlips(), meta) as { claims: unknown[] }).claims).toHaveLength(1);
  });
});

describe('the judges', () => {
  it('compare: absolute and relative tolerances, an infinite expected value, NaN fails', async () => {
    const { compare, documentCheck } = await import('@neurobridge/exam');
    expect(compare(1, 1 + 1e-13, { abs: 1e-12, reason: 'r' }).verdict).toBe('reproduced');
    expect(compare(2, 2.2, { rel: 0.05, reason: 'r' })).toMatchObject({ verdict: 'failed', errorKind: 'relative', tolerance: 0.05 });
    expect(compare(Infinity, 19, { abs: 1e-9, reason: 'r' })).toMatchObject({ verdict: 'failed', tolerance: 1e-9, error: Infinity });
    expect(compare(1, NaN, { abs: 1, reason: 'r' }).verdict).toBe('failed');
    // documentCheck: the printed statement's numbers are shown, the corrected one decides refuted vs failed
    const printed = compare(3, 2, { abs: 1e-9, reason: 'r' }), correct = compare(2, 2, { abs: 1e-9, reason: 'r' });
    expect(documentCheck(printed, correct)).toMatchObject({ verdict: 'refuted', expected: 3, measured: 2 });
    expect(documentCheck(printed, compare(2.5, 2, { abs: 1e-9, reason: 'r' })).verdict).toBe('failed');
    expect(documentCheck(correct, printed).verdict).toBe('reproduced');
  });
});
