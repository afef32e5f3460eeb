import { DOCUMENTS } from './documents.js';
import { integerInRange } from '@neurobridge/core';
import { checkMeta, checkOutcomes, checkSlips, objectWith } from './check.js';
import { show } from './judge.js';
import type { ClaimOutcome } from './run.js';
import type { Slip, Verdict } from './types.js';

/**
 * The counts of a run: `N claims: R reproduced, F refuted, X failed`.
 * @category Reports
 */
export interface Summary {
  /** N, the number of claims run */
  readonly claims: number;
  /** R, those whose numbers agree with the document */
  readonly reproduced: number;
  /** F, those where the document is wrong and the corrected statement is reproduced */
  readonly refuted: number;
  /** X, those the toolkit could not reproduce (or that threw) */
  readonly failed: number;
}

/**
 * Count the verdicts of a run.
 * @category Reports
 */
export function summarize(outcomes: readonly ClaimOutcome[]): Summary {
  checkOutcomes(outcomes);
  const count = (v: Verdict) => outcomes.filter((o) => o.result.verdict === v).length;
  return { claims: outcomes.length, reproduced: count('reproduced'), refuted: count('refuted'), failed: count('failed') };
}

/**
 * The summary as one line, `N claims: R reproduced, F refuted, X failed`.
 * @category Reports
 */
export function summaryLine(s: Summary): string {
  objectWith('summary', s, ['claims', 'reproduced', 'refuted', 'failed']);
  for (const k of ['claims', 'reproduced', 'refuted', 'failed'] as const) integerInRange(`summary.${k}`, s[k], 0);
  return `${s.claims} claims: ${s.reproduced} reproduced, ${s.refuted} refuted, ${s.failed} failed`;
}

/**
 * Claims grouped by document, then by top-level question ('Q1.3' → 'Q1'; questions not of the form Qn… share one group).
 * @category Reports
 */
export function groupOutcomes(outcomes: readonly ClaimOutcome[]): {
  /** the document's prefix */
  prefix: string;
  /** the document's title */
  title: string;
  /** the document's file name */
  file: string;
  /** its claims by question, in report order (documents with no outcome are left out) */
  groups: {
    /** 'Q1', 'Q2', …, or '' for questions not of the form Qn… */
    question: string;
    /** the outcomes of that question, in run order */
    outcomes: ClaimOutcome[];
  }[];
}[] {
  checkOutcomes(outcomes);
  return DOCUMENTS.map((d) => {
    const mine = outcomes.filter((o) => o.claim.source === d.prefix);
    const groups: { question: string; outcomes: ClaimOutcome[] }[] = [];
    for (const o of mine) {
      const q = /^Q\d+/.exec(o.claim.question)?.[0] ?? '';
      let g = groups.find((x) => x.question === q);
      if (!g) groups.push((g = { question: q, outcomes: [] }));
      g.outcomes.push(o);
    }
    return { prefix: d.prefix, title: d.title, file: d.file, groups };
  }).filter((d) => d.groups.length > 0);
}

const errorText = (o: ClaimOutcome) => {
  const r = o.result;
  if (r.error === null) return r.errorKind;
  const tol = r.tolerance === null ? '' : r.errorKind === 'p-value' ? ` (≥ ${show(r.tolerance)})` : ` (≤ ${show(r.tolerance)})`;
  return `${r.errorKind === 'p-value' ? 'p ' : ''}${show(r.error)}${tol}`;
};

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

/**
 * Plain-text report: one table per document and question, the slips, the summary.
 * @category Reports
 */
export function formatText(outcomes: readonly ClaimOutcome[], slips: readonly Slip[]): string {
  checkOutcomes(outcomes);
  checkSlips(slips);
  const lines: string[] = [];
  for (const d of groupOutcomes(outcomes)) {
    lines.push('', `${d.prefix} — ${d.title} (${d.file})`);
    for (const g of d.groups) {
      if (g.question) lines.push(`  ${g.question}`);
      const rows = g.outcomes.map((o) => [o.claim.id, o.result.verdict, clip(o.claim.statement, 70), clip(show(o.result.expected), 24), clip(show(o.result.measured), 24), errorText(o)]);
      const header = ['id', 'verdict', 'statement', 'expected', 'measured', 'error (tolerance)'];
      const width = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
      const fmt = (r: string[]) => `    ${r.map((c, k) => c.padEnd(width[k])).join('  ')}`.trimEnd();
      lines.push(fmt(header), fmt(width.map((w) => '-'.repeat(w))), ...rows.map(fmt));
    }
  }
  lines.push('', `Slips of the documents (${slips.length})`);
  for (const s of slips) lines.push(`  ${s.source}, ${s.location}: printed ${s.printed}; correct: ${s.correct}${s.claim ? ` [${s.claim}]` : ''}`);
  lines.push('', summaryLine(summarize(outcomes)));
  return lines.join('\n');
}

const md = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * The same as a Markdown document: summary, tables with every field, slips.
 * @category Reports
 */
export function formatMarkdown(outcomes: readonly ClaimOutcome[], slips: readonly Slip[], meta: { seed: string; date: string; seconds: number }): string {
  checkOutcomes(outcomes);
  checkSlips(slips);
  checkMeta(meta);
  const out = [
    '# Reproduction of the source documents, claim by claim',
    '',
    '<!-- Generated by `pnpm reproduce --markdown REPRODUCTION.md` (packages/exam). Do not edit by hand. -->',
    '',
    `**${summaryLine(summarize(outcomes))}** — seed \`${meta.seed}\`, ${meta.date}, ${meta.seconds.toFixed(0)} s.`,
    '',
    'Verdicts: *reproduced* — the numbers agree with the claim within its tolerance; *refuted* — the document is wrong and the numbers show it (the corrected statement is reproduced; see the slips); *failed* — the toolkit could not reproduce it.',
  ];
  for (const d of groupOutcomes(outcomes)) {
    out.push('', `## ${d.prefix}: ${d.title}`, '', `Source: \`${d.file}\`.`);
    for (const g of d.groups) {
      if (g.question) out.push('', `### ${g.question}`);
      out.push('', '| id | statement | how it is checked | expected | measured | error (tolerance) | verdict |', '| --- | --- | --- | --- | --- | --- | --- |');
      for (const o of g.outcomes) {
        const how = [o.claim.method, o.claim.condition ? `Condition: ${o.claim.condition}` : '', `Tolerance: ${o.result.toleranceReason}`, o.result.details ?? ''].filter(Boolean).join(' ');
        out.push(`| \`${o.claim.id}\` | ${md(o.claim.statement)} | ${md(how)} | ${md(show(o.result.expected))} | ${md(show(o.result.measured))} | ${md(errorText(o))} | **${o.result.verdict}** |`);
      }
    }
  }
  out.push('', '## Slips of the documents', '', '| document | where | printed | correct | shown by |', '| --- | --- | --- | --- | --- |');
  for (const s of slips) out.push(`| ${s.source} | ${md(s.location)} | ${md(s.printed)} | ${md(s.correct)} | ${s.claim ? `\`${s.claim}\`` : '—'} |`);
  return `${out.join('\n')}\n`;
}

/**
 * The machine-readable report: every field of every claim and slip.
 * @category Reports
 */
export function toJson(outcomes: readonly ClaimOutcome[], slips: readonly Slip[], meta: { seed: string; date: string; seconds: number }): object {
  checkOutcomes(outcomes);
  checkSlips(slips);
  checkMeta(meta);
  return {
    ...meta,
    summary: summarize(outcomes),
    claims: outcomes.map((o) => ({
      id: o.claim.id, source: o.claim.source, document: DOCUMENTS.find((d) => d.prefix === o.claim.source)?.file, question: o.claim.question,
      statement: o.claim.statement, method: o.claim.method, condition: o.claim.condition ?? null, ...o.result, ms: o.ms,
    })),
    slips,
  };
}
