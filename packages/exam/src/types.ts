import type { Rng } from '@neurobridge/core';

/**
 * reproduced: the toolkit's numbers agree with the claim within its tolerance;
 * refuted: the document is wrong and the numbers show it (the correct version is reproduced);
 * failed: the toolkit could not reproduce the claim (a bug, or a tolerance that was too tight).
 */
export type Verdict = 'reproduced' | 'refuted' | 'failed';

/** A source document (one of ../shared/seeds). */
export interface SourceDocument {
  /** id prefix of its claims: 'gatsby', 'chain', 'isnet', 'dis4', 'inf264' */
  readonly prefix: string;
  /** file name in ../shared/seeds */
  readonly file: string;
  readonly title: string;
}

/** One curve of a claim's plot: y against x, with axis names and units. */
export interface Series {
  readonly name: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
  /** draw as a line (default) or as points */
  readonly style?: 'line' | 'points';
}

/** What a claim draws: its series on shared axes. */
export interface PlotData {
  readonly title: string;
  readonly x: { readonly label: string; readonly unit?: string; readonly log?: boolean };
  readonly y: { readonly label: string; readonly unit?: string; readonly log?: boolean };
  readonly series: readonly Series[];
}

/** A value as the report shows it: a number, or a short text (a vector, a count, a set). */
export type Value = number | string;

/** The outcome of running one claim. */
export interface ClaimResult {
  /** from the document's formula or answer (or the derived answer where it prints none) */
  readonly expected: Value;
  /** by simulation or an independent method */
  readonly measured: Value;
  /** the error measured against the tolerance (its kind in errorKind); null when not numeric */
  readonly error: number | null;
  /** 'absolute', 'relative', 'p-value' (a test statistic's p, compared as p ≥ tolerance), 'z', 'count', … */
  readonly errorKind: string;
  readonly tolerance: number | null;
  /** why the tolerance is what it is: rounding, discretisation, sampling error, the asymptotic regime */
  readonly toleranceReason: string;
  readonly verdict: Verdict;
  /** a line of further numbers (the power check of a statistical test, the corrected value, …) */
  readonly details?: string;
  readonly plot?: PlotData;
}

/** What a claim gets when it runs. */
export interface ClaimContext {
  /** the report's seed (`--seed`); every claim must hold for any seed */
  readonly seed: string;
  /** an independent stream for this claim (and `name`), a function of (seed, claim id, name) only */
  rng(name?: string): Rng;
}

/** One checkable statement of a source document. */
export interface Claim {
  /** '<prefix>-q<question>[.<sub>][-<tag>]', e.g. 'gatsby-q3.2', 'gatsby-q3.3-binned', 'inf264-q4' */
  readonly id: string;
  /** the document's prefix (see documents.ts) */
  readonly source: string;
  /** the question as printed, e.g. 'Q3.2' or '(d)' */
  readonly question: string;
  /** the statement in one sentence */
  readonly statement: string;
  /** how it is checked (simulation, second method, closed form, finite differences, …) */
  readonly method: string;
  /** a condition changed from the document's, with the reason, when the claim needs one */
  readonly condition?: string;
  run(ctx: ClaimContext): ClaimResult | Promise<ClaimResult>;
}

/** A slip of a document: what is printed, what is correct, and the claim whose numbers show it. */
export interface Slip {
  readonly source: string;
  /** where: equation, question or line, e.g. 'Eq. (8)', 'solution 3' */
  readonly location: string;
  readonly printed: string;
  readonly correct: string;
  /** id of the claim that demonstrates it (null only for slips no number can show, e.g. a typo in a definition) */
  readonly claim: string | null;
}
