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
  for (const t of c.targets) lines.push(`  ${t.reported ? 'REPORTED' : `TARGET ${t.met === null ? 'NOT MEASURED' : t.met ? 'MET' : 'MISSED'}`}: ${t.name} — ${t.value}`);
  for (const n of c.notes) lines.push(`  note: ${n}`);
  return lines.join('\n');
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
    `| BLAS behind numpy | ${m.blas ?? 'unknown'}${m.blasKernels ? ` (OpenBLAS kernels: ${m.blasKernels})` : ''} |`,
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
    for (const t of c.targets) out.push(`- ${t.reported ? '**reported**' : t.met === null ? '**not measured**' : t.met ? '**met**' : '**missed**'} — ${t.name}: ${t.value}`);
    out.push('');
  }
  if (c.notes.length) {
    out.push('Notes:', '');
    for (const n of c.notes) out.push(`- ${n}`);
    out.push('');
  }
  return out.join('\n');
}
