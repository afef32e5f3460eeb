#!/usr/bin/env node
// `pnpm reproduce`: every claim of the source documents, recomputed and judged, as a table per
// document and question, then the slips, then `N claims: R reproduced, F refuted, X failed`.
//   --only <prefix>     run a subset (e.g. --only gatsby-q2)
//   --seed <s>          the seed of every random stream (every claim must hold for any seed)
//   --json <file>       write { claims, slips } with every field
//   --markdown <file>   write the same as a Markdown document (REPRODUCTION.md is this, committed)
// Exit status 1 when a claim failed. Runs against the built packages (after `pnpm build`).
import { writeFileSync } from 'node:fs';
import { allSlips, DEFAULT_SEED, formatMarkdown, formatText, runClaims, summarize, toJson } from '@neurobridge/exam';

const USAGE = 'usage: reproduce [--only <prefix>] [--seed <s>] [--json <file>] [--markdown <file>]';

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') continue;
    const m = /^--(only|seed|json|markdown)(?:=(.*))?$/.exec(a);
    if (!m) throw new RangeError(`unknown argument ${JSON.stringify(a)}; ${USAGE}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined || value === '') throw new RangeError(`--${m[1]} needs a value; ${USAGE}`);
    opts[m[1]] = value;
  }
  return opts;
}

let opts;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (e) {
  console.error(e.message);
  process.exit(2);
}
const seed = opts.seed ?? DEFAULT_SEED;
const t0 = performance.now();
const outcomes = await runClaims({
  only: opts.only ?? '', seed,
  onProgress: (i, n, claim) => {
    const line = `[${String(i + 1).padStart(String(n).length)}/${n}] ${claim.id}`;
    process.stderr.write(process.stderr.isTTY ? `\r${line.padEnd(60)}` : `${line}\n`);
  },
});
if (process.stderr.isTTY) process.stderr.write(`\r${' '.repeat(60)}\r`);
const seconds = (performance.now() - t0) / 1000;
if (outcomes.length === 0) {
  console.error(`no claim id starts with ${JSON.stringify(opts.only)}`);
  process.exit(2);
}
const slips = opts.only ? allSlips().filter((s) => s.claim === null ? s.source.startsWith(opts.only.split('-')[0]) : outcomes.some((o) => o.claim.id === s.claim)) : allSlips();
console.log(formatText(outcomes, slips));
console.log(`(${seconds.toFixed(1)} s, seed ${JSON.stringify(seed)})`);
const meta = { seed, date: new Date().toISOString().slice(0, 10), seconds };
if (opts.json) writeFileSync(opts.json, `${JSON.stringify(toJson(outcomes, slips, meta), null, 1)}\n`);
if (opts.markdown) writeFileSync(opts.markdown, formatMarkdown(outcomes, slips, meta));
process.exit(summarize(outcomes).failed > 0 ? 1 : 0);
