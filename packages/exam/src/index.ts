/**
 * Every checkable result of the five source documents, recomputed by the other packages and
 * judged claim by claim, with the slips of the documents; `pnpm reproduce` prints the report.
 *
 * @categoryDescription Claims
 * What is checked: the documents, each claim (id, statement, method, and how it runs) and the
 * slips, and the registry that lists them in report order (`src/claims/`, one module per
 * document or question).
 * @categoryDescription Judges
 * How a claim's numbers are judged: a numeric comparison within |measured − expected| ≤
 * abs + rel·|expected|, a test's p-value against its level, an exact fact, and a printed
 * statement against its correction; the result, its verdict and its plot.
 * @categoryDescription Running
 * Running the claims one after another, each with random streams that depend only on the
 * seed and the claim's id.
 * @categoryDescription Reports
 * The run as a summary line, a plain-text table, a Markdown document or JSON.
 * @categoryDescription Package
 * The package itself.
 * @packageDocumentation
 */

/**
 * The package version.
 * @category Package
 */
export const version = '0.1.0';
export * from './types.js';
export * from './documents.js';
export * from './judge.js';
export * from './registry.js';
export * from './run.js';
export * from './report.js';
