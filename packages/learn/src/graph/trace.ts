import { integerInRange, knownKeys, optionsObject } from '@neurobridge/core';
import type { GraphNetwork } from './graphNetwork.js';
import type { Loss } from '../training/losses.js';
import { backward, type GraphInput, type GraphParams, type GraphTarget } from './graphPass.js';

/**
 * One line of a forward/backward trace: symbol = formula = numbers = value.
 * @category Graph networks
 */
export interface TraceRecord {
  /** 'forward': z_j or x_j; 'loss': L; 'backward': ∂L/∂x_j or δ_j; 'gradient': ∂L/∂θ. */
  phase: 'forward' | 'loss' | 'backward' | 'gradient';
  /** the quantity, e.g. 'z6', 'x6', 'δ3', '∂L/∂w46'. */
  symbol: string;
  /** the formula in symbols, e.g. 'w36·x3 + w46·x4 + w56·x5 + b6'. */
  formula: string;
  /** the same formula with numbers substituted. */
  numbers: string;
  /** the quantity's value, as computed by `backward` (full precision, not rounded to `digits`). */
  value: number;
}

/**
 * Options of `backwardTrace`.
 * @category Graph networks
 */
export interface TraceOptions {
  /** significant digits of the numbers shown. @default 6 */
  digits?: number;
}

/** v to `digits` significant digits; negative values in parentheses when they are a factor or a summand. */
function fmt(v: number, digits: number, wrap = true): string {
  const s = Number(v.toPrecision(digits)).toString();
  return wrap && v < 0 ? `(${s})` : s;
}

/**
 * A readable forward and backward pass for one sample (for the demo): every z_j, x_j, the loss,
 * every ∂L/∂x_j and δ_j = ∂L/∂z_j, and every ∂L/∂θ, each as formula, numbers and value.
 * Values are those of `backward` (the trace recomputes nothing by itself).
 * @category Graph networks
 */
export function backwardTrace(
  net: GraphNetwork, params: GraphParams, input: GraphInput, target: GraphTarget, loss: Loss, options: TraceOptions = {},
): {
  /** every line as data, in order: forward (z_j, x_j per node), loss, backward (from the outputs back), gradients. */
  records: TraceRecord[];
  /** the same lines as text, `symbol = formula = numbers = value`. */
  lines: string[];
} {
  const opts = knownKeys('options', optionsObject('options', options), ['digits']);
  const digits = opts.digits === undefined ? 6 : integerInRange('options.digits', opts.digits, 1, 17);
  const r = backward(net, params, input, target, loss);
  const theta: Record<string, number> = {};
  const pv = Array.isArray(params) || ArrayBuffer.isView(params)
    ? Object.fromEntries(net.parameters.map((n, i) => [n, (params as ArrayLike<number>)[i]]))
    : (params as Record<string, number>);
  for (const n of net.parameters) theta[n] = pv[n];
  const wval = (u: GraphNetwork['units'][number], q: number) => (u.param[q] >= 0 ? theta[net.parameters[u.param[q]]] : u.fixed[q]);
  const f = (v: number) => fmt(v, digits);
  const plain = (v: number) => fmt(v, digits, false);
  /** a sum of terms; a lone number loses its parentheses */
  const sum = (a: string[]) => (a.length === 1 && !a[0].includes('·') ? a[0].replace(/^\((.*)\)$/, '$1') : a.join(' + ') || '0');
  const records: TraceRecord[] = [];
  for (const u of net.units) {
    const terms = Array.from(u.from, (i, q) => `${u.weightNames[q]}·x${net.nodeNames[i]}`);
    const nums = Array.from(u.from, (i, q) => `${f(wval(u, q))}·${f(r.x[net.nodeNames[i]])}`);
    if (u.bias >= 0) { terms.push(net.parameters[u.bias]); nums.push(f(theta[net.parameters[u.bias]])); }
    records.push({ phase: 'forward', symbol: `z${u.name}`, formula: terms.join(' + ') || '0', numbers: sum(nums), value: r.z[u.name] });
    records.push({ phase: 'forward', symbol: `x${u.name}`, formula: `${u.activation.name}(z${u.name})`, numbers: `${u.activation.name}(${plain(r.z[u.name])})`, value: r.x[u.name] });
  }
  const tv = typeof target === 'number' ? [target] : Array.isArray(target) || ArrayBuffer.isView(target)
    ? Array.from(target as ArrayLike<number>) : net.outputs.map((o) => (target as Record<string, number>)[o]);
  records.push({
    phase: 'loss', symbol: 'L',
    formula: net.outputs.map((o) => `${loss.name}(x${o}, t${o})`).join(' + '),
    numbers: net.outputs.map((o, k) => `${loss.name}(${plain(r.x[o])}, ${plain(tv[k])})`).join(' + '),
    value: r.loss,
  });
  const outSet = new Set(net.outputs);
  for (let k = net.units.length - 1; k >= 0; k--) {
    const u = net.units[k];
    const j = u.name;
    // ∂L/∂x_j: loss derivative (outputs) plus Σ over outgoing links w_jm δ_m
    const terms: string[] = [], nums: string[] = [];
    if (outSet.has(j)) {
      const t = tv[net.outputs.indexOf(j)];
      terms.push(`∂${loss.name}/∂x${j}`); nums.push(f(loss.derivative(r.x[j], t)));
    }
    for (const m of net.units) {
      m.from.forEach((i, q) => {
        if (net.nodeNames[i] === j) { terms.push(`${m.weightNames[q]}·δ${m.name}`); nums.push(`${f(wval(m, q))}·${f(r.delta[m.name])}`); }
      });
    }
    records.push({ phase: 'backward', symbol: `∂L/∂x${j}`, formula: terms.join(' + ') || '0', numbers: sum(nums), value: r.dx[j] });
    records.push({
      phase: 'backward', symbol: `δ${j}`, formula: `${u.activation.name}'(z${j})·∂L/∂x${j}`,
      numbers: `${f(u.activation.df(r.z[j]))}·${f(r.dx[j])}`, value: r.delta[j],
    });
  }
  for (const name of net.parameters) {
    const terms: string[] = [], nums: string[] = [];
    for (const u of net.units) {
      u.from.forEach((i, q) => {
        if (u.param[q] >= 0 && net.parameters[u.param[q]] === name) {
          terms.push(`δ${u.name}·x${net.nodeNames[i]}`); nums.push(`${f(r.delta[u.name])}·${f(r.x[net.nodeNames[i]])}`);
        }
      });
      if (u.bias >= 0 && net.parameters[u.bias] === name) { terms.push(`δ${u.name}`); nums.push(f(r.delta[u.name])); }
    }
    records.push({ phase: 'gradient', symbol: `∂L/∂${name}`, formula: terms.join(' + '), numbers: sum(nums), value: r.grad[name] });
  }
  const lines = records.map((rec) => `${rec.symbol} = ${rec.formula} = ${rec.numbers} = ${plain(rec.value)}`);
  return { records, lines };
}
