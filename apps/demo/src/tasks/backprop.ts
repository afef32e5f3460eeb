// The backprop page's computations. Seed 004 (INF264, the 2-1-1 ReLU network) and seed 001 (the
// Itakura–Saito network) are a handful of multiply-adds and run on the page's thread through the
// functions below; seed 002's symmetry experiment (two training runs) is a worker task.
import { activations, createRng } from '@neurobridge/core';
import {
  backward, backwardTrace, datasetBackward, graphNetwork, graphObjective, gradientDescent, itakuraSaito, learningRateThreshold,
  lossAfterStep, squared, squaredHalf, type TraceRecord,
} from '@neurobridge/learn';

// ---- seed 004: z = w0 x[0] + w1 x[1] + w2, h = ReLU(z), ŷ = w3 h + w4, 𝓛 = mean (ŷ − y)²
export const inf264 = graphNetwork({
  inputs: ['x0', 'x1'],
  nodes: [{ name: 'h', activation: activations.relu, bias: 'w2' }, { name: 'yhat', activation: activations.linear, bias: 'w4' }],
  links: [['x0', 'h', 'w0'], ['x1', 'h', 'w1'], ['h', 'yhat', 'w3']],
});
export const INF264_DATA = [{ input: [2, 1], target: 1.3 }, { input: [-3, 2], target: 1.9 }];
export const INF264_THETA0 = [1, 1, 0, 1, 0];
export const INF264_PARAMS = inf264.parameters; // w0 … w4
const inf264Objective = graphObjective(inf264, INF264_DATA, squared);

/** 𝓛(θ) and its gradient into g; NaN once the loss overflows (the loss refuses non-finite values). */
function evaluate(t: Float64Array, g: Float64Array): number {
  if (!t.every(Number.isFinite)) return NaN;
  try { return inf264Objective.evaluate(t, g); } catch { return NaN; }
}

/** θ_k and 𝓛(θ_k) for k = 0 … steps at a fixed η (NaN once the run overflows). */
export function inf264Trajectory(eta: number, steps: number): { theta: Float64Array[]; loss: number[] } {
  const theta: Float64Array[] = [Float64Array.from(INF264_THETA0)];
  const g = new Float64Array(5);
  const loss: number[] = [];
  for (let k = 0; k <= steps; k++) {
    const t = theta[k];
    const L = evaluate(t, g);
    loss.push(L);
    if (k < steps) theta.push(Number.isFinite(L) ? t.map((v, i) => v - eta * g[i]) : new Float64Array(5).fill(NaN));
  }
  return { theta, loss };
}

/**
 * η* at θ: the first η > 0 at which one step no longer lowers the loss (learningRateThreshold), or NaN
 * when the gradient vanishes, θ is not finite, or no η ≤ 50 qualifies. Far out on a diverging run
 * the loss overflows for most η: then the scan is repeated on ever smaller ranges.
 */
function threshold(t: Float64Array, samples: number): number {
  const g = new Float64Array(5);
  const L = evaluate(t, g);
  if (!Number.isFinite(L) || g.reduce((s, v) => s + v * v, 0) <= 1e-24 * Math.max(1, L)) return NaN;
  const scan = (maxEta: number): number | 'overflow' => {
    try {
      const r = learningRateThreshold(inf264Objective, t, { maxEta, samples });
      return r.status === 'found' ? r.threshold : NaN;
    } catch { return 'overflow'; }
  };
  let overflow = false;
  for (const maxEta of [2, 50]) {
    const r = scan(maxEta);
    if (r === 'overflow') { overflow = true; break; }
    if (!Number.isNaN(r)) return r;
  }
  if (!overflow) return NaN;
  for (let maxEta = 10; maxEta > 1e-150; maxEta /= 100) {
    const r = scan(maxEta);
    if (typeof r === 'number' && !Number.isNaN(r)) return r;
  }
  return NaN;
}

/** η*(θ) along a trajectory (a coarser scan than inf264Step's). */
export function inf264Thresholds(thetas: readonly Float64Array[]): number[] {
  return thetas.map((t) => threshold(t, 200));
}

export interface Inf264Step {
  /** per sample: z, h, ŷ, L_n, δ_ŷ = ∂L/∂ŷ, δ_h = ∂L/∂z, ∂L/∂w0 … w4 */
  samples: { z: number; h: number; yhat: number; loss: number; dyhat: number; dz: number; grad: number[] }[];
  loss: number;
  grad: number[];
  /** η* at θ_k: one step with η > η* raises the loss (NaN when none below maxEta) */
  threshold: number;
  /** φ(η) = 𝓛(θ_k − η ∇𝓛(θ_k)) on a grid of η */
  phi: { eta: number[]; loss: number[] };
}

/** Forward values, δ's and gradients at θ, the η-threshold there and the loss after one step against η. */
export function inf264Step(theta: ArrayLike<number>, eta: number): Inf264Step {
  const samples = INF264_DATA.map((s) => {
    const r = backward(inf264, theta, s.input, s.target, squared);
    return { z: r.z.h, h: r.x.h, yhat: r.x.yhat, loss: r.loss, dyhat: r.delta.yhat, dz: r.delta.h, grad: INF264_PARAMS.map((p) => r.grad[p]) };
  });
  const d = datasetBackward(inf264, theta, INF264_DATA, squared);
  const thr = threshold(Float64Array.from(theta), 4000);
  const top = Math.max(Number.isFinite(thr) ? 1.6 * thr : 1, 1.25 * eta);
  const etas = Array.from({ length: 241 }, (_, i) => (top * i) / 240);
  for (const e of [eta, thr]) if (Number.isFinite(e) && !etas.includes(e)) etas.push(e);
  etas.sort((a, b) => a - b);
  // φ(η) one η at a time: a far step may overflow the loss (then NaN)
  const phi = etas.map((e) => { try { return lossAfterStep(inf264Objective, theta, [e]).loss[0]; } catch { return NaN; } });
  return { samples, loss: d.loss, grad: INF264_PARAMS.map((p) => d.grad[p]), threshold: thr, phi: { eta: etas, loss: phi } };
}

// ---- seed 001: 2 inputs, hidden 3, 4, 5 (sigmoid; 3 → 4 and 3 → 5 too), output ρ(z) = z², Itakura–Saito loss
export const isNet = graphNetwork({
  inputs: ['1', '2'],
  nodes: [{ name: '3', activation: activations.sigmoid }, { name: '4', activation: activations.sigmoid }, { name: '5', activation: activations.sigmoid }, { name: '6', activation: activations.square }],
  links: [['1', '3'], ['2', '3'], ['1', '4'], ['2', '4'], ['3', '4'], ['1', '5'], ['2', '5'], ['3', '5'], ['3', '6'], ['4', '6'], ['5', '6']],
});
/** The document gives no numbers: θ_i = sin(i + 1) in parameter order (as in the package's example). */
export const IS_PARAMS: Record<string, number> = Object.fromEntries(isNet.parameters.map((k, i) => [k, Math.round(1000 * Math.sin(i + 1)) / 1000]));

export interface IsResult { records: TraceRecord[]; z6: number; delta6: number; formulaA: number; grad46: number; x4: number; gradB6: number; loss: number }

/** Backprop through seed 001's network for one input and target: the trace and the closed forms of (a)–(c). */
export function isPass(x1: number, x2: number, t: number): IsResult {
  const r = backward(isNet, IS_PARAMS, [x1, x2], t, itakuraSaito);
  const z6 = r.z['6'];
  const { records } = backwardTrace(isNet, IS_PARAMS, [x1, x2], t, itakuraSaito, { digits: 4 });
  return { records, z6, delta6: r.delta['6'], formulaA: (2 * (z6 * z6 - t)) / z6 ** 3, grad46: r.grad.w46, x4: r.x['4'], gradB6: r.grad.b6, loss: r.loss };
}

// ---- seed 002: constant against random initialisation in a 3 → 5 → 2 sigmoid network
export interface SymmetryArgs { a: number; steps: number; eta: number }
export interface SymmetryRun { loss: number[]; spreadIn: number[]; spreadOut: number[]; hidden: number[] }

const X = ['x1', 'x2', 'x3'], H = ['h1', 'h2', 'h3', 'h4', 'h5'], O = ['o1', 'o2'];
const symNet = graphNetwork({
  inputs: X, nodes: [...H, ...O].map((name) => ({ name, activation: activations.sigmoid, bias: false })),
  links: [...X.flatMap((x) => H.map((h) => [x, h] as [string, string])), ...H.flatMap((h) => O.map((o) => [h, o] as [string, string]))],
});
const symRng = createRng('seed002-demo');
const symData = Array.from({ length: 6 }, () => ({ input: Array.from(symRng.normals(3)), target: [symRng.uniform(), symRng.uniform()] }));
const symRandom0 = Array.from(createRng('seed002-demo-init').normals(symNet.parameters.length));

/** Mean over the other end of (max − min) over the hidden units: exactly 0 when every hidden unit is a copy. */
function spread(p: Record<string, number>, pairs: (h: string) => string[]): number {
  const k = pairs(H[0]).length;
  let s = 0;
  for (let q = 0; q < k; q++) {
    const v = H.map((h) => p[pairs(h)[q]]);
    s += Math.max(...v) - Math.min(...v);
  }
  return s / k;
}

function symmetryRun(init: number[], steps: number, eta: number): SymmetryRun {
  const run = gradientDescent({ objective: graphObjective(symNet, symData, squaredHalf), params: init, learningRate: eta, steps, record: 'all' });
  const ps = run.history.params ?? [];
  const inW = (h: string) => X.map((x) => `w${x}${h}`), outW = (h: string) => O.map((o) => `w${h}${o}`);
  const last = backward(symNet, run.params, symData[0].input, symData[0].target, squaredHalf);
  return {
    loss: run.history.loss, spreadIn: ps.map((p) => spread(p, inW)), spreadOut: ps.map((p) => spread(p, outW)),
    hidden: H.map((h) => last.x[h]),
  };
}

export const backpropTasks = {
  /** Seed 002 §1: the same network and data trained from a constant and from a random initialisation. */
  'backprop.symmetry'(args: SymmetryArgs, progress: (f: number) => void) {
    const constant = symmetryRun(symNet.parameters.map(() => args.a), args.steps, args.eta);
    progress(0.5);
    const random = symmetryRun(symRandom0.map((v) => 0.5 * v), args.steps, args.eta);
    return { constant, random };
  },
};
