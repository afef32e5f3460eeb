// Console and markdown rendering of the case results.
import { formatLoad } from './machine.mjs';

function mdEscape(s) {
  return String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function markdownTable(headers, rows) {
  const out = [`| ${headers.map(mdEscape).join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`];
  for (const r of rows) out.push(`| ${r.map(mdEscape).join(' | ')} |`);
  return out.join('\n');
}

/** Plain-text table for the terminal: one block per row, "header: value". */
export function consoleCase(c) {
  const lines = [`\n## ${c.title}`];
  for (const m of c.missing) lines.push(`  NOT AVAILABLE: ${m}`);
  for (const r of c.rows) {
    lines.push('  ' + c.headers.map((h, k) => `${h}: ${r[k]}`).join(' | '));
  }
  for (const t of c.targets) lines.push(`  ${t.reported ? 'REPORTED' : `TARGET ${t.met === null ? 'NOT MEASURED' : t.met ? 'MET' : 'MISSED'}`}: ${t.name} — ${t.value}${t.met === false && t.close ? `. ${t.close}` : ''}`);
  for (const n of c.notes) lines.push(`  note: ${n}`);
  return lines.join('\n');
}

function blasKernelsCell(m) {
  const k = m.blasKernels;
  if (!k) return 'not OpenBLAS, or not read';
  const set = Object.entries(k.overrides ?? {}).map(([n, v]) => `${n}=${v}`).join(', ');
  let s = `${k.core}, ${k.fma}`;
  if (set) {
    s += `. This machine's environment sets ${set} (for tests and CI); \`bench:peers\` removes both from each Python peer's ` +
      `environment, so OpenBLAS picks its kernels from the processor (with them it would run ${k.forced ?? 'unknown'} kernels)`;
  }
  if (m.blasFallbacks?.length) s += `. Crashed without them and re-run WITH them (forced kernels): ${m.blasFallbacks.join('; ')}`;
  return s;
}

function ceilingCell(c, when) {
  if (!c) return 'not measured';
  return `${when}: ${c.one.gflops.toFixed(1)} GFLOP/s on 1 thread, ${c.two.gflops.toFixed(1)} GFLOP/s on 2 (fastest of ${c.one.runs} runs each)`;
}

export function machineMarkdown(m, loadEnd, elapsed) {
  const v = m.versions;
  return [
    '| item | value |', '| --- | --- |',
    `| date (UTC) | ${m.date} |`,
    `| CPU | ${m.cpu}, ${m.cores} cores (os.cpus()), ${m.memoryGiB} GiB RAM |`,
    `| OS | ${m.os} |`,
    `| Node | ${m.node} (V8 ${m.v8}) |`,
    `| Python | ${m.python} |`,
    `| brian2 / numpy / scipy / Cython | ${v.brian2 ?? 'missing'} / ${v.numpy ?? 'missing'} / ${v.scipy ?? 'missing'} / ${v.Cython ?? 'missing'} |`,
    `| C compiler (Brian2 cython target) | ${m.gcc ?? 'not found'} |`,
    `| BLAS behind numpy | ${m.blas ?? 'unknown'} |`,
    `| OpenBLAS kernels numpy ran in the peers (openblas_get_corename, read in the peers' environment) | ${blasKernelsCell(m)} |`,
    `| WebAssembly multiply-add ceiling (f64x2 mul + add in registers, bench/peers/harness/wasmCeiling.mjs) | ${ceilingCell(m.ceiling, 'start')}${m.ceilingEnd ? `; ${ceilingCell(m.ceilingEnd, 'end')}` : ''} |`,
    `| two-thread throughput (same busy loop on 2 worker threads vs 1; 2× = two free cores) | ${m.parallel ? `start ${m.parallel.ratio.toFixed(2)}×` : 'not measured'}${m.parallelEnd ? `, end ${m.parallelEnd.ratio.toFixed(2)}×` : ''} |`,
    `| load average (1, 5, 15 min) | start ${formatLoad(m.loadAtStart)}; end ${formatLoad(loadEnd)} |`,
    `| whole run | ${elapsed.toFixed(0)} s |`,
  ].join('\n');
}

export function caseMarkdown(c) {
  const out = [`## ${c.title}`, '', c.description, ''];
  if (c.missing.length) {
    out.push('**Not available in this run:**', '');
    for (const m of c.missing) out.push(`- ${m}`);
    out.push('');
  }
  if (c.rows.length) out.push(markdownTable(c.headers, c.rows), '');
  if (c.targets.length) {
    out.push('Targets:', '');
    for (const t of c.targets) {
      out.push(`- ${t.reported ? '**reported**' : t.met === null ? '**not measured**' : t.met ? '**met**' : '**missed**'} — ${t.name}: ${t.value}` +
        (t.met === false && t.close ? `. ${t.close}` : ''));
    }
    out.push('');
  }
  if (c.notes.length) {
    out.push('Notes:', '');
    for (const n of c.notes) out.push(`- ${n}`);
    out.push('');
  }
  return out.join('\n');
}

/**
 * Every target of the run in one list, missed ones first, for the top of BENCHMARKS.md; a target
 * carries `close` (what would close it) when it can be missed against the fair peer.
 */
export function targetsMarkdown(results) {
  const all = results.flatMap((c) => c.targets.filter((t) => !t.reported));
  const order = (t) => (t.met === false ? 0 : t.met === null ? 1 : 2);
  const out = [];
  for (const t of all.slice().sort((a, b) => order(a) - order(b))) {
    out.push(`- ${t.met === null ? '**not measured**' : t.met ? '**met**' : '**missed**'} — ${t.name}: ${t.value}${t.met === false && t.close ? `. ${t.close}` : ''}`);
  }
  return out.join('\n');
}
