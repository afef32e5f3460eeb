// Worker tasks of the exam page: the registry of claims and slips of @neurobridge/exam, and the
// claims themselves. The page runs claims one request at a time ('exam.claim') so that the table
// fills in as they finish and a newer filter cancels the rest; 'exam.run' runs a whole prefix with
// runClaims and posts its progress.
import { allClaims, allSlips, claimContext, DEFAULT_SEED, DOCUMENTS, runClaims, show, type ClaimResult, type PlotData, type Verdict } from '@neurobridge/exam';

/** What the table shows of a claim before it runs. */
export interface ClaimInfo {
  id: string;
  source: string;
  question: string;
  statement: string;
  method: string;
  condition: string | null;
}

/** A slip of a document, as listed. */
export interface SlipInfo { source: string; location: string; printed: string; correct: string; claim: string | null }

/** A finished claim, its values already formatted as the report shows them. */
export interface ClaimRow {
  id: string;
  verdict: Verdict;
  expected: string;
  measured: string;
  /** error and tolerance, e.g. '2.99e-15 (≤ 1.000e-12)' or 'p 0.69 (≥ 1.000e-3)' or 'exact' */
  error: string;
  toleranceReason: string;
  details: string | null;
  plot: PlotData | null;
  /** wall time of the claim in the worker, ms */
  ms: number;
}

const errorText = (r: ClaimResult): string => {
  if (r.error === null) return r.errorKind;
  const tol = r.tolerance === null ? '' : r.errorKind === 'p-value' ? ` (≥ ${show(r.tolerance)})` : ` (≤ ${show(r.tolerance)})`;
  return `${r.errorKind === 'p-value' ? 'p ' : ''}${show(r.error)}${tol}`;
};

const row = (id: string, r: ClaimResult, ms: number): ClaimRow => ({
  id, verdict: r.verdict, expected: show(r.expected), measured: show(r.measured), error: errorText(r),
  toleranceReason: r.toleranceReason, details: r.details ?? null, plot: r.plot ?? null, ms,
});

export const examTasks = {
  /** Every claim (id, statement, how it is checked), every slip, the documents. */
  'exam.list'(): { claims: ClaimInfo[]; slips: SlipInfo[]; documents: { prefix: string; title: string }[] } {
    return {
      claims: allClaims().map((c) => ({ id: c.id, source: c.source, question: c.question, statement: c.statement, method: c.method, condition: c.condition ?? null })),
      slips: allSlips().map((s) => ({ ...s })),
      documents: DOCUMENTS.map((d) => ({ prefix: d.prefix, title: d.title })),
    };
  },

  /** One claim by its exact id, with the streams runClaims gives it (the same numbers as `pnpm reproduce`). */
  async 'exam.claim'(a: { id: string; seed?: string }): Promise<ClaimRow> {
    const claim = allClaims().find((c) => c.id === a.id);
    if (!claim) throw new RangeError(`no claim has the id ${JSON.stringify(a.id)}`);
    const seed = a.seed ?? DEFAULT_SEED;
    const t0 = performance.now();
    let r: ClaimResult;
    try {
      r = await claim.run(claimContext(seed, claim.id));
    } catch (e) { // as runClaims: a claim that throws is reported as failed
      r = { expected: '—', measured: `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, error: null, errorKind: 'exception', tolerance: null, toleranceReason: 'a claim must not throw', verdict: 'failed' };
    }
    return row(claim.id, r, performance.now() - t0);
  },

  /** Every claim whose id starts with `only`, by runClaims, posting the fraction done. */
  async 'exam.run'(a: { only?: string; seed?: string }, progress: (f: number) => void): Promise<ClaimRow[]> {
    const outcomes = await runClaims({ only: a.only ?? '', seed: a.seed ?? DEFAULT_SEED, onProgress: (i, n) => progress(i / n) });
    return outcomes.map((o) => row(o.claim.id, o.result, o.ms));
  },
};
