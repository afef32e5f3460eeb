// Charts: uPlot for curves over a sorted x axis (time series, sweeps), and a small canvas plot for
// x–y paths (phase planes) and heat maps, with axis names, units and legends. Every chart registers
// a summary of its data in window.__demo, which the end-to-end test reads to see that a control
// changed what is drawn.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface Axis {
  readonly label: string; readonly unit?: string; readonly log?: boolean;
  /** lineChart x axis: fixed [min, max] (on a log axis use powers of the base: ticks start at min) */
  readonly range?: readonly [number, number];
  /** lineChart x axis: base of a log axis (2 puts ticks at 64, 128, 256 …). @default 10 */
  readonly logBase?: number;
}
export interface SeriesSpec { readonly label: string; readonly points?: boolean; readonly dash?: boolean; readonly color?: number; /** draw the line across null values (series sampled on their own x grid) */ readonly spanGaps?: boolean }

interface DemoGlobal { charts: Record<string, { n: number; sum: number; updates: number }>; lastRedrawMs: number; ready: boolean }
declare global { interface Window { __demo: DemoGlobal } }
window.__demo ??= { charts: {}, lastRedrawMs: 0, ready: false };

/** Record what a chart shows (count and sum of finite values) for the end-to-end test. */
export function registerData(id: string, values: Iterable<ArrayLike<number | null>>): void {
  let n = 0, sum = 0;
  for (const v of values) for (let i = 0; i < v.length; i++) { const x = v[i]; if (typeof x === 'number' && Number.isFinite(x)) { n++; sum += x; } }
  const prev = window.__demo.charts[id];
  window.__demo.charts[id] = { n, sum, updates: (prev?.updates ?? 0) + 1 };
}

const css = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
export const seriesColor = (k: number) => css(`--s${(k % 5) + 1}`);
const axisName = (a: Axis) => (a.unit ? `${a.label} (${a.unit})` : a.label);

/** A titled chart box appended to `parent`. */
export function chartBox(parent: HTMLElement, id: string, title: string): HTMLElement {
  const box = document.createElement('figure');
  box.className = 'chart';
  box.id = `chart-${id}`;
  box.dataset.chart = id;
  box.innerHTML = `<h3>${title}</h3>`;
  box.style.margin = '0';
  parent.append(box);
  return box;
}

export interface LineChart {
  setData(x: ArrayLike<number>, ys: ArrayLike<number | null>[]): void;
  destroy(): void;
}

/** A uPlot line chart of several series over one x axis. */
export function lineChart(parent: HTMLElement, id: string, title: string, o: { x: Axis; y: Axis; series: SeriesSpec[]; height?: number }): LineChart {
  const box = chartBox(parent, id, title);
  const width = () => Math.max(260, box.clientWidth - 12);
  const opts: uPlot.Options = {
    width: width(), height: o.height ?? 260,
    scales: { x: { time: false, distr: o.x.log ? 3 : 1, ...(o.x.logBase ? { log: o.x.logBase as 2 | 10 } : {}), ...(o.x.range ? { range: [o.x.range[0], o.x.range[1]] as uPlot.Range.MinMax } : {}) }, y: { distr: o.y.log ? 3 : 1 } },
    axes: [
      { label: axisName(o.x), stroke: css('--fg'), grid: { stroke: css('--grid') }, ticks: { stroke: css('--grid') } },
      { label: axisName(o.y), stroke: css('--fg'), grid: { stroke: css('--grid') }, ticks: { stroke: css('--grid') }, size: 60 },
    ],
    legend: { show: true },
    series: [{ label: o.x.label }, ...o.series.map((s, k) => ({
      label: s.label, stroke: seriesColor(s.color ?? k), width: s.points ? 0 : 1.6, dash: s.dash ? [6, 4] : undefined,
      points: { show: Boolean(s.points), size: 5, fill: seriesColor(s.color ?? k) },
      spanGaps: s.spanGaps ?? false,
    }))],
  };
  const plot = new uPlot(opts, [[], ...o.series.map(() => [])], box);
  const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: o.height ?? 260 }));
  resize.observe(box);
  return {
    setData(x, ys) {
      const t0 = performance.now();
      plot.setData([Array.from(x), ...ys.map((y) => Array.from(y))] as uPlot.AlignedData);
      registerData(id, [x, ...ys]);
      window.__demo.lastRedrawMs = performance.now() - t0;
    },
    destroy() { resize.disconnect(); plot.destroy(); },
  };
}

/** A chart box holding a canvas (an image for assistive technology, named by the title) and a legend line. */
function canvasBox(parent: HTMLElement, id: string, title: string): { box: HTMLElement; canvas: HTMLCanvasElement; legend: HTMLElement } {
  const box = chartBox(parent, id, title);
  const canvas = document.createElement('canvas');
  canvas.className = 'plain';
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', title);
  const legend = document.createElement('div');
  legend.className = 'u-legend';
  box.append(canvas, legend);
  return { box, canvas, legend };
}

export interface PathSpec { readonly label: string; readonly x: ArrayLike<number>; readonly y: ArrayLike<number>; readonly color?: number; readonly points?: boolean; readonly dash?: boolean }
export interface Marker { readonly x: number; readonly y: number; readonly label: string; readonly filled: boolean; readonly color?: number }

/** A plain canvas x–y plot (paths and markers with a legend), for phase planes. */
export function xyChart(parent: HTMLElement, id: string, title: string, o: { x: Axis; y: Axis; height?: number; square?: boolean }) {
  const { box, canvas, legend } = canvasBox(parent, id, title);
  let last: { paths: PathSpec[]; markers: Marker[] } = { paths: [], markers: [] };
  const draw = () => {
    const { paths, markers } = last;
    const w = Math.max(260, box.clientWidth - 12), h = o.height ?? 300, dpr = devicePixelRatio || 1;
    canvas.width = w * dpr; canvas.height = h * dpr; canvas.style.height = `${h}px`;
    const g = canvas.getContext('2d') as CanvasRenderingContext2D;
    g.scale(dpr, dpr);
    g.clearRect(0, 0, w, h);
    let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
    for (const p of paths) for (let i = 0; i < p.x.length; i++) { x0 = Math.min(x0, p.x[i]); x1 = Math.max(x1, p.x[i]); y0 = Math.min(y0, p.y[i]); y1 = Math.max(y1, p.y[i]); }
    for (const m of markers) { x0 = Math.min(x0, m.x); x1 = Math.max(x1, m.x); y0 = Math.min(y0, m.y); y1 = Math.max(y1, m.y); }
    if (!Number.isFinite(x0)) { x0 = -1; x1 = 1; y0 = -1; y1 = 1; }
    const padX = (x1 - x0 || 1) * 0.08, padY = (y1 - y0 || 1) * 0.08;
    x0 -= padX; x1 += padX; y0 -= padY; y1 += padY;
    const L = 56, R = 10, T = 10, B = 40;
    const sx = (x: number) => L + ((x - x0) / (x1 - x0)) * (w - L - R), sy = (y: number) => h - B - ((y - y0) / (y1 - y0)) * (h - T - B);
    axes(g, w, h, L, R, T, B, x0, x1, y0, y1, sx, sy, axisName(o.x), axisName(o.y));
    paths.forEach((p, k) => {
      g.strokeStyle = g.fillStyle = seriesColor(p.color ?? k);
      g.setLineDash(p.dash ? [6, 4] : []);
      g.lineWidth = 1.5;
      if (p.points) for (let i = 0; i < p.x.length; i++) { g.beginPath(); g.arc(sx(p.x[i]), sy(p.y[i]), 2.2, 0, 2 * Math.PI); g.fill(); }
      else { g.beginPath(); for (let i = 0; i < p.x.length; i++) (i ? g.lineTo : g.moveTo).call(g, sx(p.x[i]), sy(p.y[i])); g.stroke(); }
    });
    g.setLineDash([]);
    for (const m of markers) {
      g.strokeStyle = g.fillStyle = seriesColor(m.color ?? 4);
      g.lineWidth = 2;
      g.beginPath(); g.arc(sx(m.x), sy(m.y), 5, 0, 2 * Math.PI);
      if (m.filled) g.fill(); else g.stroke();
    }
    // an empty label keeps a path or marker out of the legend (e.g. many trajectories of one kind)
    legend.innerHTML = [...paths.map((p, k) => (p.label ? `<span style="color:${seriesColor(p.color ?? k)}">${p.points ? '•' : p.dash ? '╌' : '━'} ${p.label}</span>` : '')),
      ...markers.map((m) => (m.label ? `<span style="color:${seriesColor(m.color ?? 4)}">${m.filled ? '●' : '○'} ${m.label}</span>` : ''))].filter(Boolean).join(' &nbsp; ');
  };
  const resize = new ResizeObserver(draw);
  resize.observe(box);
  return {
    setData(paths: PathSpec[], markers: Marker[] = []) {
      const t0 = performance.now();
      last = { paths, markers };
      draw();
      registerData(id, [...paths.flatMap((p) => [p.x, p.y]), markers.flatMap((m) => [m.x, m.y])]);
      window.__demo.lastRedrawMs = performance.now() - t0;
    },
    destroy() { resize.disconnect(); },
  };
}

function ticks(a: number, b: number, n = 5): number[] {
  const step0 = (b - a) / n, mag = 10 ** Math.floor(Math.log10(step0)), step = [1, 2, 5, 10].map((f) => f * mag).find((s) => s >= step0) as number;
  const out: number[] = [];
  for (let v = Math.ceil(a / step) * step; v <= b + 1e-12 * step; v += step) out.push(Math.abs(v) < 1e-12 * step ? 0 : v);
  return out;
}

function axes(g: CanvasRenderingContext2D, w: number, h: number, L: number, R: number, T: number, B: number, x0: number, x1: number, y0: number, y1: number,
  sx: (x: number) => number, sy: (y: number) => number, xName: string, yName: string): void {
  g.strokeStyle = css('--grid'); g.fillStyle = css('--fg'); g.lineWidth = 1; g.font = '11px system-ui, sans-serif';
  for (const t of ticks(x0, x1)) { g.beginPath(); g.moveTo(sx(t), T); g.lineTo(sx(t), h - B); g.stroke(); g.textAlign = 'center'; g.fillText(String(Number(t.toPrecision(4))), sx(t), h - B + 14); }
  for (const t of ticks(y0, y1)) { g.beginPath(); g.moveTo(L, sy(t)); g.lineTo(w - R, sy(t)); g.stroke(); g.textAlign = 'right'; g.fillText(String(Number(t.toPrecision(4))), L - 4, sy(t) + 4); }
  g.textAlign = 'center'; g.fillText(xName, (L + w - R) / 2, h - 6);
  g.save(); g.translate(12, (T + h - B) / 2); g.rotate(-Math.PI / 2); g.fillText(yName, 0, 0); g.restore();
}

/** A heat map of a square matrix (row-major) on a canvas, with a colour bar. */
export function heatMap(parent: HTMLElement, id: string, title: string, o: { x: Axis; y: Axis; height?: number }) {
  const { box, canvas, legend: scale } = canvasBox(parent, id, title);
  let last: { values: ArrayLike<number>; size: number; extent: [number, number]; range?: [number, number] } | null = null;
  const draw = () => {
    if (!last) return;
    const { values, size, extent, range } = last;
    const w = Math.max(260, box.clientWidth - 12), h = o.height ?? 320, dpr = devicePixelRatio || 1;
    canvas.width = w * dpr; canvas.height = h * dpr; canvas.style.height = `${h}px`;
    const g = canvas.getContext('2d') as CanvasRenderingContext2D;
    g.scale(dpr, dpr);
    g.clearRect(0, 0, w, h);
    let lo = Infinity, hi = -Infinity;
    if (range) [lo, hi] = range;
    else for (let i = 0; i < values.length; i++) { lo = Math.min(lo, values[i]); hi = Math.max(hi, values[i]); }
    const L = 56, B = 40, T = 8, side = Math.min(w - L - 10, h - B - T), cell = side / size;
    for (let m = 0; m < size; m++) for (let n = 0; n < size; n++) {
      const f = hi > lo ? Math.min(1, Math.max(0, (values[m * size + n] - lo) / (hi - lo))) : 0.5;
      g.fillStyle = `hsl(${240 - 240 * f}, 75%, ${35 + 25 * f}%)`;
      g.fillRect(L + n * cell, T + (size - 1 - m) * cell, Math.ceil(cell), Math.ceil(cell));
    }
    const sx = (x: number) => L + ((x - extent[0]) / (extent[1] - extent[0])) * side, sy = (y: number) => T + side - ((y - extent[0]) / (extent[1] - extent[0])) * side;
    axes(g, L + side + 10, T + side + B, L, 10, T, B, extent[0], extent[1], extent[0], extent[1], sx, sy, axisName(o.x), axisName(o.y));
    scale.textContent = `colour: ${lo.toPrecision(3)} (blue) … ${hi.toPrecision(3)} (red)`;
  };
  const resize = new ResizeObserver(draw);
  resize.observe(box);
  return {
    /** `range`: the values at the two ends of the colour scale (e.g. shared by two maps); default their min and max */
    setData(values: ArrayLike<number>, size: number, extent: [number, number], range?: [number, number]) {
      last = { values, size, extent, range };
      draw();
      registerData(id, [values]);
    },
    destroy() { resize.disconnect(); },
  };
}
