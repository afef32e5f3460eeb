import type { Rng } from '@neurobridge/core';

/**
 * reproduced: the toolkit's numbers agree with the claim within its tolerance;
 * refuted: the document is wrong and the numbers show it (the correct version is reproduced);
 * failed: the toolkit could not reproduce the claim (a bug, or a tolerance that was too tight).
 * @category Judges
 */
export type Verdict = 'reproduced' | 'refuted' | 'failed';

/**
 * A source document (one of ../shared/seeds).
 * @category Claims
 */
export interface SourceDocument {
  /** id prefix of its claims: 'gatsby', 'chain', 'isnet', 'dis4', 'inf264' */
  readonly prefix: string;
  /** file name in ../shared/seeds */
  readonly file: string;
  /** what the document is, in one line, as the report's heading shows it */
  readonly title: string;
}

/**
 * One curve of a claim's plot: y against x, with axis names and units.
 * @category Judges
 */
export interface Series {
  /** the legend entry, e.g. 'simulation' or 'Eq. (4)' */
  readonly name: string;
  /** abscissae, in the unit of the plot's x axis */
  readonly x: readonly number[];
  /** ordinates, one per x, in the unit of the plot's y axis */
  readonly y: readonly number[];
  /** draw as a line (default) or as points */
  readonly style?: 'line' | 'points';
}

/**
 * What a claim draws: its series on shared axes.
 * @category Judges
 */
export interface PlotData {
  /** the plot's heading */
  readonly title: string;
  /** the horizontal axis */
  readonly x: {
    /** the quantity, e.g. 'g' or 'time' */
    readonly label: string;
    /** its unit, e.g. 'ms'; none for a dimensionless quantity */
    readonly unit?: string;
    /** logarithmic scale. @default false */
    readonly log?: boolean;
  };
  /** the vertical axis */
  readonly y: {
    /** the quantity, e.g. 'firing rate' */
    readonly label: string;
    /** its unit, e.g. 'Hz'; none for a dimensionless quantity */
    readonly unit?: string;
    /** logarithmic scale. @default false */
    readonly log?: boolean;
  };
  /** the curves, drawn in order on the shared axes */
  readonly series: readonly Series[];
}

/**
 * A value as the report shows it: a number, or a short text (a vector, a count, a set).
 * @category Judges
 */
export type Value = number | string;

/**
 * The outcome of running one claim.
 * @category Judges
 */
export interface ClaimResult {
  /** from the document's formula or answer (or the derived answer where it prints none) */
  readonly expected: Value;
  /** by simulation or an independent method */
  readonly measured: Value;
  /** the error measured against the tolerance (its kind in errorKind); null when not numeric */
  readonly error: number | null;
  /** 'absolute', 'relative', 'p-value' (a test statistic's p, compared as p ≥ tolerance), 'z', 'count', … */
  readonly errorKind: string;
  /**
   * the bound the error is judged against: abs + rel·|expected| (absolute), rel (relative), the
   * level p must reach (p-value); null for an exact check
   */
  readonly tolerance: number | null;
  /** why the tolerance is what it is: rounding, discretisation, sampling error, the asymptotic regime */
  readonly toleranceReason: string;
  /** reproduced, refuted or failed (see Verdict) */
  readonly verdict: Verdict;
  /** a line of further numbers (the power check of a statistical test, the corrected value, …) */
  readonly details?: string;
  /** the curves that show the claim (the demo and the Markdown report draw them) */
  readonly plot?: PlotData;
}

/**
 * What a claim gets when it runs.
 * @category Claims
 */
export interface ClaimContext {
  /** the report's seed (`--seed`); every claim must hold for any seed */
  readonly seed: string;
  /** an independent stream for this claim (and `name`), a function of (seed, claim id, name) only */
  rng(name?: string): Rng;
}

/**
 * One checkable statement of a source document.
 * @category Claims
 */
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
  /**
   * Recompute the claim and judge it (with compare, pValue, fact or documentCheck). Random
   * streams come only from `ctx.rng`, so the result is a function of the seed.
   */
  run(ctx: ClaimContext): ClaimResult | Promise<ClaimResult>;
}

/**
 * A slip of a document: what is printed, what is correct, and the claim whose numbers show it.
 * @category Claims
 */
export interface Slip {
  /** the document's prefix (see DOCUMENTS) */
  readonly source: string;
  /** where: equation, question or line, e.g. 'Eq. (8)', 'solution 3' */
  readonly location: string;
  /** what the document prints */
  readonly printed: string;
  /** what is correct instead */
  readonly correct: string;
  /** id of the claim that demonstrates it (null only for slips no number can show, e.g. a typo in a definition) */
  readonly claim: string | null;
}
