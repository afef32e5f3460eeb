// #/exam — the exam report in the browser: the claims of @neurobridge/exam whose id starts with a
// prefix, run one by one in the worker so the table fills in as they finish (a newer filter
// cancels the rest), each row opening onto its method, tolerance and plot; the verdict counts;
// the slips of the documents. All 111 claims take ~20 s, so the default view is one question.
import { chartBox, lineChart, registerData, xyChart, type SeriesSpec } from '../chart.js';
import { statusLine } from '../controls.js';
import { handleError, pageLayout, type Page } from '../page.js';
import type { PlotData, Verdict } from '@neurobridge/exam';
import type { ClaimInfo, ClaimRow, SlipInfo } from '../tasks/exam.js';

const DEFAULT_ONLY = 'gatsby-q1';
const SUGGESTIONS = ['gatsby-q1', 'gatsby-q2', 'gatsby-q3', 'gatsby-q3.1', 'gatsby-q4', 'gatsby', 'chain', 'isnet', 'dis4', 'inf264'];
const VERDICTS: readonly Verdict[] = ['reproduced', 'refuted', 'failed'];

const STYLE = `
.exam-only { width: 100% !important; box-sizing: border-box; }
.exam-buttons { display: flex; flex-wrap: wrap; gap: 0.4rem; }
.exam-buttons button { background: var(--bg); color: var(--fg); border: 1px solid var(--border); border-radius: 4px; padding: 0.3rem 0.6rem; font: inherit; cursor: pointer; }
.exam-buttons button.primary { background: var(--accent); color: var(--bg); border-color: var(--accent); }
.exam-buttons button:disabled { opacity: 0.5; cursor: default; }
.exam-bar { display: flex; height: 1.1rem; border-radius: 4px; overflow: hidden; background: var(--grid); margin: 0.3rem 0.3rem 0.4rem; }
.exam-bar > span { display: block; height: 100%; transition: width 0.2s; }
.exam-counts { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; margin: 0 0.3rem 0.2rem; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
.exam-counts .sw { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 2px; margin-right: 0.3em; vertical-align: -0.05em; }
.exam-progress { width: calc(100% - 0.6rem); margin: 0.2rem 0.3rem; }
.exam-table-wrap { overflow-x: auto; margin-top: 0.6rem; border: 1px solid var(--border); border-radius: 6px; }
.exam-table { min-width: 760px; }
.exam-table tr.main { cursor: pointer; }
.exam-table tr.main:hover td { background: var(--panel); }
.exam-table tr.group th { background: var(--panel); font-weight: 600; }
.exam-table td.id { white-space: nowrap; font-family: ui-monospace, monospace; font-size: 0.82rem; }
.exam-table td.val { max-width: 14rem; overflow-wrap: anywhere; }
.exam-table td.statement { min-width: 16rem; }
.exam-table button.toggle { background: none; border: none; color: var(--accent); cursor: pointer; font: inherit; padding: 0 0.2rem; }
.exam-table tr.detail > td { background: var(--panel); }
.exam-table tr.detail dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 0.8rem; margin: 0.2rem 0 0.6rem; }
.exam-table tr.detail dt { color: var(--muted); }
.exam-table tr.detail dd { margin: 0; overflow-wrap: anywhere; }
.exam-table tr.detail .chart { max-width: 720px; background: var(--bg); }
.verdict { font-weight: 600; white-space: nowrap; }
.verdict.reproduced { color: var(--good); } .verdict.refuted { color: var(--s5); } .verdict.failed { color: var(--bad); }
.verdict.pending, .verdict.running { color: var(--muted); font-weight: 400; }
.exam-slips td { overflow-wrap: anywhere; }
@media (max-width: 700px) {
  .exam-table, .exam-slips { min-width: 0; display: block; }
  .exam-table thead, .exam-slips thead { display: none; }
  .exam-table tbody, .exam-slips tbody, .exam-table tr.group, .exam-table tr.group th, .exam-slips tr { display: block; }
  .exam-table tr.main { display: grid; grid-template-columns: 1.6rem 1fr auto; grid-template-areas: 't id v' 's s s' 'e e e' 'm m m' 'r r r'; border-bottom: 1px solid var(--border); padding: 0.2rem 0; }
  .exam-table tr.main td { border: none; padding: 0.1rem 0.4rem; max-width: none; min-width: 0; }
  .exam-table tr.main td:nth-child(1) { grid-area: t; } .exam-table tr.main td.id { grid-area: id; }
  .exam-table tr.main td.v { grid-area: v; } .exam-table tr.main td.statement { grid-area: s; }
  .exam-table tr.main td:nth-child(4) { grid-area: e; } .exam-table tr.main td:nth-child(5) { grid-area: m; } .exam-table tr.main td:nth-child(6) { grid-area: r; }
  .exam-table tr.main td.num { display: none; }
  .exam-table tr.main td.val:empty { display: none; }
  .exam-table td.val::before, .exam-slips td::before { content: attr(data-label) ': '; color: var(--muted); }
  .exam-table tr.detail:not([hidden]), .exam-table tr.detail > td { display: block; }
  .exam-table tr.detail dl { grid-template-columns: 1fr; }
  .exam-slips tr { border-bottom: 1px solid var(--border); padding: 0.2rem 0; }
  table.exam-slips td { display: block; border: none; padding: 0.1rem 0.4rem; }
}
`;
const verdictColor: Record<Verdict, string> = { reproduced: 'var(--good)', refuted: 'var(--s5)', failed: 'var(--bad)' };

interface ListResult { claims: ClaimInfo[]; slips: SlipInfo[]; documents: { prefix: string; title: string }[] }
interface Row { info: ClaimInfo; main: HTMLTableRowElement; detail: HTMLTableRowElement; open: boolean; filled: boolean }

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

export const examPage: Page = {
  path: 'exam', title: 'Exam report',
  mount(el, ctx) {
    const { controls, results } = pageLayout(el, 'Exam report: every claim of the five documents, recomputed',
      'Each checkable statement of the source documents (the Gatsby 2021 exam, a three-neuron chain, a 2-3-1 network, CS189 discussion 4, INF264 homework) is recomputed by the toolkit and judged against its tolerance — the same claims and numbers as <code>pnpm reproduce</code>. <b>reproduced</b>: within tolerance; <b>refuted</b>: the document is wrong and the numbers show it (its slip is listed below); <b>failed</b>: the toolkit could not reproduce it. The claims run one by one in a worker; click a row for how it is checked and its plot.');
    results.style.minWidth = '0'; // the wide table scrolls inside its box on narrow screens
    const style = document.createElement('style');
    style.textContent = STYLE;
    el.prepend(style);

    // the filter: a prefix of the claim ids
    const raw = ctx.params.get('only');
    let only = raw === null ? DEFAULT_ONLY : raw.trim();
    const ctl = document.createElement('div');
    ctl.className = 'control';
    ctl.innerHTML = `<label for="exam-only">Claims whose id starts with</label>
      <input type="text" id="exam-only" class="exam-only" data-key="only" list="exam-prefixes" spellcheck="false" autocomplete="off" placeholder="(empty: all claims)">
      <datalist id="exam-prefixes">${SUGGESTIONS.map((s) => `<option value="${s}"></option>`).join('')}</datalist>
      <div class="error" role="alert" aria-live="polite"></div>`;
    controls.append(ctl);
    const field = ctl.querySelector('input') as HTMLInputElement, fieldError = ctl.querySelector('.error') as HTMLElement;
    field.value = only;
    const setError = (m: string | null) => { fieldError.textContent = m ?? ''; field.setAttribute('aria-invalid', m ? 'true' : 'false'); };
    const buttons = document.createElement('div');
    buttons.className = 'exam-buttons';
    buttons.innerHTML = '<button type="button" class="primary" data-act="all">Run all claims</button><button type="button" data-act="stop">Stop</button>';
    controls.append(buttons);
    const allButton = buttons.querySelector('[data-act=all]') as HTMLButtonElement, stopButton = buttons.querySelector('[data-act=stop]') as HTMLButtonElement;
    stopButton.disabled = true;
    const hint = document.createElement('p');
    hint.className = 'message';
    hint.style.fontSize = '0.85rem';
    hint.innerHTML = 'Prefixes: a document (<code>gatsby</code>, <code>chain</code>, <code>isnet</code>, <code>dis4</code>, <code>inf264</code>), a question (<code>gatsby-q3</code>) or a claim (<code>gatsby-q3.1</code>). All 111 claims take about 20 s; finished claims are kept when the filter changes.';
    controls.append(hint);

    // verdict counts, progress, status
    const box = chartBox(results, 'exam-verdicts', 'Verdicts');
    box.insertAdjacentHTML('beforeend', '<div class="exam-bar" role="img" aria-label="verdict counts"></div><div class="exam-counts"></div><progress class="exam-progress" max="1" value="0"></progress>');
    const bar = box.querySelector('.exam-bar') as HTMLElement, countsEl = box.querySelector('.exam-counts') as HTMLElement, progressEl = box.querySelector('progress') as HTMLProgressElement;
    const status = statusLine(results);
    const wrap = document.createElement('div');
    wrap.className = 'exam-table-wrap';
    results.append(wrap);
    const slipsSection = document.createElement('section');
    results.append(slipsSection);
    registerData('exam-verdicts', [[0, 0, 0, 0, 0]]);

    let list: ListResult | null = null;
    const done = new Map<string, ClaimRow>(); // finished claims (deterministic for the seed): kept across filters
    let rows: Row[] = [];
    let generation = 0;
    let running: string | null = null;
    const charts: { destroy(): void }[] = [];

    const counts = () => {
      const c = { reproduced: 0, refuted: 0, failed: 0, pending: 0, ms: 0 };
      for (const r of rows) { const d = done.get(r.info.id); if (d) { c[d.verdict]++; c.ms += d.ms; } else c.pending++; }
      return c;
    };
    const showCounts = () => {
      const c = counts(), n = rows.length;
      bar.innerHTML = [...VERDICTS.map((v) => [c[v], verdictColor[v]] as const), [c.pending, 'transparent'] as const]
        .map(([k, col]) => `<span style="width:${n ? (100 * k) / n : 0}%;background:${col}"></span>`).join('');
      countsEl.innerHTML = `${VERDICTS.map((v) => `<span><span class="sw" style="background:${verdictColor[v]}"></span>${c[v]} ${v}</span>`).join('')}<span>${c.pending} pending</span><span>of ${n} claim${n === 1 ? '' : 's'}, ${(c.ms / 1000).toFixed(2)} s of worker time</span>`;
      progressEl.max = Math.max(1, n);
      progressEl.value = n - c.pending;
      registerData('exam-verdicts', [[c.reproduced, c.refuted, c.failed, c.pending, n]]);
    };

    const verdictCell = (r: Row) => {
      const d = done.get(r.info.id), cell = r.main.querySelector('td.v') as HTMLElement;
      const v = d ? d.verdict : running === r.info.id ? 'running' : 'pending';
      cell.innerHTML = `<span class="verdict ${v}">${d ? v : v === 'running' ? 'running…' : 'queued'}</span>`;
    };
    const fillRow = (r: Row) => {
      const d = done.get(r.info.id);
      const cells = r.main.querySelectorAll('td');
      cells[3].textContent = d ? clip(d.expected, 60) : '';
      cells[3].title = d?.expected ?? '';
      cells[4].textContent = d ? clip(d.measured, 60) : '';
      cells[4].title = d?.measured ?? '';
      cells[5].textContent = d?.error ?? '';
      cells[7].textContent = d ? (d.ms < 10 ? d.ms.toFixed(1) : d.ms.toFixed(0)) : '';
      verdictCell(r);
      if (r.open) fillDetail(r);
    };
    const fillDetail = (r: Row) => {
      const d = done.get(r.info.id), td = r.detail.firstElementChild as HTMLElement;
      if (r.filled) return;
      const items: [string, string][] = [['How it is checked', r.info.method]];
      if (r.info.condition) items.push(['Condition', r.info.condition]);
      if (d) {
        items.push(['Expected', d.expected], ['Measured', d.measured], ['Error (tolerance)', d.error], ['Why this tolerance', d.toleranceReason]);
        if (d.details) items.push(['Details', d.details]);
      }
      td.innerHTML = `<dl>${items.map(([k, v]) => `<dt>${k}</dt><dd>${esc(v)}</dd>`).join('')}</dl>${d ? '' : '<p class="message">Not run yet: the plot and the numbers appear when the claim has run.</p>'}`;
      if (d?.plot) charts.push(drawPlot(td, `exam-plot-${r.info.id}`, d.plot));
      r.filled = d !== undefined;
    };
    const toggle = (r: Row) => {
      r.open = !r.open;
      r.detail.hidden = !r.open;
      const b = r.main.querySelector('button.toggle') as HTMLButtonElement;
      b.setAttribute('aria-expanded', String(r.open));
      b.textContent = r.open ? '▾' : '▸';
      if (r.open) fillDetail(r);
    };

    const buildTable = (claims: ClaimInfo[]) => {
      for (const c of charts.splice(0)) c.destroy();
      const table = document.createElement('table');
      table.className = 'data exam-table';
      table.innerHTML = '<thead><tr><th></th><th>id</th><th>statement</th><th>expected</th><th>measured</th><th>error (tolerance)</th><th>verdict</th><th title="worker time">ms</th></tr></thead>';
      rows = [];
      let source = '';
      let body = document.createElement('tbody');
      for (const info of claims) {
        if (info.source !== source) {
          source = info.source;
          const title = list?.documents.find((d) => d.prefix === source)?.title ?? '';
          body = document.createElement('tbody');
          body.innerHTML = `<tr class="group"><th colspan="8">${esc(source)} — ${esc(title)}</th></tr>`;
          table.append(body);
        }
        const main = document.createElement('tr'), detail = document.createElement('tr');
        main.className = 'main';
        main.innerHTML = `<td><button type="button" class="toggle" aria-expanded="false" aria-label="details of ${info.id}">▸</button></td><td class="id">${info.id}</td><td class="statement">${esc(info.statement)}</td><td class="val" data-label="expected"></td><td class="val" data-label="measured"></td><td class="val" data-label="error (tolerance)"></td><td class="v"></td><td class="num"></td>`;
        detail.className = 'detail';
        detail.hidden = true;
        detail.innerHTML = '<td colspan="8"></td>';
        body.append(main, detail);
        const r: Row = { info, main, detail, open: false, filled: false };
        main.addEventListener('click', (e) => { if ((e.target as HTMLElement).closest('a') || getSelection()?.toString()) return; toggle(r); });
        rows.push(r);
        fillRow(r);
      }
      wrap.replaceChildren(table);
      if (!claims.length) wrap.innerHTML = '<p class="message" style="margin:0.5rem">No claim to show.</p>';
    };

    const showSlips = (claims: ClaimInfo[]) => {
      if (!list) return;
      const sources = new Set(claims.map((c) => c.source)), ids = new Set(claims.map((c) => c.id));
      const mine = list.slips.filter((s) => (s.claim ? ids.has(s.claim) : sources.has(s.source)));
      const table = (slips: SlipInfo[]) => slips.length
        ? `<div class="exam-table-wrap"><table class="data exam-slips"><thead><tr><th>document</th><th>where</th><th>printed</th><th>correct</th><th>claim</th></tr></thead><tbody>${slips.map((s) => `<tr><td data-label="document">${esc(s.source)}</td><td data-label="where">${esc(s.location)}</td><td data-label="printed">${esc(s.printed)}</td><td data-label="correct">${esc(s.correct)}</td><td class="id" data-label="claim">${s.claim ? esc(s.claim) : '—'}</td></tr>`).join('')}</tbody></table></div>`
        : '<p class="message">No slip among these claims.</p>';
      const shown = mine.filter((s) => s.claim).length, typos = mine.length - shown;
      slipsSection.innerHTML = `<h2>Slips: ${shown} shown by these claims${typos ? `, ${typos} more of the same document${sources.size > 1 ? 's' : ''} that no number can show` : ''}</h2>${table(mine)}
        <details><summary>All ${list.slips.length} slips of the five documents</summary>${table(list.slips)}</details>`;
    };

    const start = async (prefix: string) => {
      if (!list) return;
      const my = ++generation;
      const claims = list.claims.filter((c) => c.id.startsWith(prefix));
      running = null;
      buildTable(claims);
      showSlips(claims);
      showCounts();
      stopButton.disabled = false;
      const t0 = performance.now();
      for (const [i, r] of rows.entries()) {
        if (my !== generation) return;
        if (done.has(r.info.id)) continue;
        running = r.info.id;
        verdictCell(r);
        status(`Running claim ${i + 1} of ${rows.length}: ${r.info.id}…`);
        try {
          const d = await ctx.computer.run<ClaimRow>('exam.claim', { id: r.info.id });
          if (my !== generation) return;
          done.set(d.id, d);
        } catch (e) {
          if (e instanceof Error && e.name === 'Superseded') return;
          if (my !== generation) return;
          done.set(r.info.id, { id: r.info.id, verdict: 'failed', expected: '—', measured: `worker error: ${e instanceof Error ? e.message : String(e)}`, error: 'exception', toleranceReason: 'a claim must not throw', details: null, plot: null, ms: 0 });
        }
        running = null;
        fillRow(r);
        showCounts();
      }
      if (my !== generation) return;
      stopButton.disabled = true;
      const c = counts();
      status(`${rows.length} claim${rows.length === 1 ? '' : 's'}${prefix ? ` starting with “${prefix}”` : ''}: ${c.reproduced} reproduced, ${c.refuted} refuted, ${c.failed} failed (${((performance.now() - t0) / 1000).toFixed(1)} s here).`, c.failed ? 'bad' : 'good');
    };

    const accept = (text: string, save: boolean): boolean => {
      const prefix = text.trim();
      if (!/^[A-Za-z0-9.\-]*$/.test(prefix)) { setError('Use letters, digits, dots and dashes, as in gatsby-q3.1'); return false; }
      if (list && !list.claims.some((c) => c.id.startsWith(prefix))) {
        const near = [...new Set(list.claims.map((c) => c.source))].join(', ');
        setError(`No claim id starts with “${prefix}”; the documents are ${near}`);
        return false;
      }
      setError(null);
      only = prefix;
      if (save) ctx.save({ only });
      return true;
    };
    field.addEventListener('input', () => { if (accept(field.value, true)) void start(only); });
    allButton.addEventListener('click', () => { field.value = ''; if (accept('', true)) void start(''); });
    stopButton.addEventListener('click', () => {
      generation++;
      ctx.computer.close();
      const r = rows.find((x) => x.info.id === running);
      running = null;
      if (r) verdictCell(r);
      stopButton.disabled = true;
      const c = counts();
      status(`Stopped: ${rows.length - c.pending} of ${rows.length} claims run.`);
    });

    status('Loading the claims…');
    ctx.computer.run<ListResult>('exam.list', {})
      .then((l) => {
        list = l;
        allButton.textContent = `Run all ${l.claims.length} claims`;
        if (accept(field.value, false)) void start(only);
        else { buildTable([]); showCounts(); status(''); }
      })
      .catch(handleError(status));

    return () => { generation++; for (const c of charts) c.destroy(); style.remove(); };
  },
};

/**
 * A claim's plot: uPlot (lineChart) when every series runs left to right, on the union of their x
 * values (a series is null where it has no point, its line drawn across); a canvas x–y plot for
 * parametric curves (x not sorted). Non-positive values are dropped on a log axis.
 */
function drawPlot(parent: HTMLElement, id: string, plot: PlotData): { destroy(): void } {
  const keep = (x: number, y: number) => Number.isFinite(x) && Number.isFinite(y) && (!plot.x.log || x > 0) && (!plot.y.log || y > 0);
  const sorted = plot.series.every((s) => s.x.every((v, i) => i === 0 || v >= s.x[i - 1]));
  const axis = (a: PlotData['x']) => ({ label: a.label, unit: a.unit, log: a.log });
  if (!sorted) {
    const c = xyChart(parent, id, plot.title, { x: axis(plot.x), y: axis(plot.y), height: 300 });
    c.setData(plot.series.map((s, k) => ({ label: s.name, x: s.x, y: s.y, points: s.style === 'points', color: k })));
    return c;
  }
  const xs = [...new Set(plot.series.flatMap((s) => s.x.filter((x, i) => keep(x, s.y[i]))))].sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  const ys = plot.series.map((s) => {
    const y = new Array<number | null>(xs.length).fill(null);
    s.x.forEach((x, i) => { if (keep(x, s.y[i])) y[at.get(x) as number] = s.y[i]; });
    return y;
  });
  const series: SeriesSpec[] = plot.series.map((s) => ({ label: s.name, points: s.style === 'points', spanGaps: true }));
  const c = lineChart(parent, id, plot.title, { x: axis(plot.x), y: axis(plot.y), series, height: 280 });
  c.setData(xs, ys);
  return c;
}
