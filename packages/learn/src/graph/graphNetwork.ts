import type { Activation } from '@neurobridge/core';

/**
 * A computing neuron j: z_j = Σ_i w_ij x_i + b_j, x_j = act(z_j).
 * @category Graph networks
 */
export interface GraphNodeSpec {
  /** the neuron's name j, unique among inputs and nodes (e.g. '6'); default parameter names append it (`w46`, `b6`). */
  name: string;
  /** act, its transfer function x_j = act(z_j), with its derivative act' for the backward pass (core's `activations`). */
  activation: Activation;
  /** bias parameter: `true` names it `b<name>`, a string names it, `false` means no bias. @default true */
  bias?: boolean | string;
}

/**
 * A link i → j. `weight`: parameter name (default `w<from><to>`, e.g. w46), or a fixed number (not trained).
 * Default names join the node names, so they can be ambiguous (1 → 12 and 11 → 2 both give `w112`):
 * {@link graphNetwork} throws on such a collision instead of silently sharing one weight.
 * @category Graph networks
 */
export interface GraphLinkSpec {
  /** name of the source neuron i (an input or a computing neuron). */
  from: string;
  /** name of the target neuron j (a computing neuron, never an input). */
  to: string;
  /**
   * w_ij: a parameter name (trained; links naming the same parameter share it), or a fixed finite
   * number (not trained). @default `w<from><to>`
   */
  weight?: string | number;
}

/**
 * The description of a feed-forward graph network that `graphNetwork` compiles: named input
 * neurons, computing neurons and the links between them.
 * @category Graph networks
 */
export interface GraphNetworkSpec {
  /** names of the input neurons (x_i given, no activation). */
  inputs: string[];
  /** computing neurons, in any order. */
  nodes: GraphNodeSpec[];
  /** links, as objects or tuples [from, to] / [from, to, weight]. */
  links: Array<GraphLinkSpec | [string, string] | [string, string, string | number]>;
  /** output neurons (the loss is Σ over them). @default the computing neurons without outgoing links */
  outputs?: string[];
}

/**
 * Compiled graph network. Node indices: inputs first, then computing nodes in topological order.
 * @category Graph networks
 */
export interface GraphNetwork {
  /** names of the input neurons, in the order of input vectors (`inputVector`). */
  readonly inputs: readonly string[];
  /** names of the output neurons, in the order of target vectors and `outputs` results (the loss is Σ over them). */
  readonly outputs: readonly string[];
  /** every node name by index (inputs, then computing nodes in topological order). */
  readonly nodeNames: readonly string[];
  /** trainable parameter names, node by node in topological order: incoming weights, then the bias. */
  readonly parameters: readonly string[];
  /** 'weight' or 'bias', per parameter. */
  readonly parameterKinds: readonly ('weight' | 'bias')[];
  /** per computing node (index k ↔ node nInputs + k): activation, bias parameter index (−1: none), incoming links. */
  readonly units: readonly GraphUnit[];
  /** indices of the output nodes. */
  readonly outputIndex: readonly number[];
  /** number of links (multiply-adds of one forward pass). */
  readonly linkCount: number;
}

/**
 * One computing neuron of a compiled `GraphNetwork`, with its incoming links as parallel arrays
 * (entry q: the link from node `from[q]`), ready for z_j = Σ_q w_q x_{from[q]} + b_j.
 * @category Graph networks
 */
export interface GraphUnit {
  /** the neuron's name j. */
  readonly name: string;
  /** act_j: x_j = act_j(z_j). */
  readonly activation: Activation;
  /** index of the bias parameter b_j in `GraphNetwork.parameters`, or −1 when the neuron has no bias. */
  readonly bias: number;
  /** source node indices. */
  readonly from: Int32Array;
  /** parameter index per incoming link, or −1 for a fixed weight. */
  readonly param: Int32Array;
  /** fixed weight values (used where param is −1). */
  readonly fixed: Float64Array;
  /** display name of each incoming weight (parameter name or the fixed value). */
  readonly weightNames: readonly string[];
}

function linkOf(l: GraphNetworkSpec['links'][number], k: number): GraphLinkSpec {
  if (Array.isArray(l)) {
    if (l.length < 2 || l.length > 3) throw new TypeError(`links[${k}] must be [from, to] or [from, to, weight]; got length ${l.length}`);
    return l.length === 3 ? { from: l[0], to: l[1], weight: l[2] } : { from: l[0], to: l[1] };
  }
  if (typeof l !== 'object' || l === null) throw new TypeError(`links[${k}] must be an object {from, to, weight?} or a tuple; got ${String(l)}`);
  return l;
}

/** Finds one cycle among the computing nodes (for the error message), as a list of names. */
function findCycle(names: string[], succ: Map<string, string[]>): string[] {
  const state = new Map<string, 0 | 1 | 2>();
  const stack: string[] = [];
  let cycle: string[] = [];
  const visit = (v: string): boolean => {
    state.set(v, 1); stack.push(v);
    for (const w of succ.get(v) ?? []) {
      const s = state.get(w) ?? 0;
      if (s === 1) { cycle = stack.slice(stack.indexOf(w)).concat(w); return true; }
      if (s === 0 && visit(w)) return true;
    }
    stack.pop(); state.set(v, 2);
    return false;
  };
  for (const v of names) if ((state.get(v) ?? 0) === 0 && visit(v)) break;
  return cycle;
}

/**
 * Builds a feed-forward graph network from named neurons and links (any acyclic arrangement:
 * skip links and hidden-to-hidden links such as seed 001's 3 → 4 and 3 → 5 are allowed).
 * Throws on a cycle (naming it), a link to or from an unknown node, duplicate names, a link into an
 * input, or a parameter name used both as a weight and as a bias. A parameter name may be shared by
 * several links (weight sharing): its gradient is then the sum over the links. Sharing must be asked
 * for by naming the weight: two links whose default names `w<from><to>` coincide (1 → 12 and 11 → 2
 * both give `w112`) throw, naming both links, and so does a link listed twice (it would silently add
 * its weight twice) unless every copy gives its weight explicitly (a name or a number).
 * @category Graph networks
 */
export function graphNetwork(spec: GraphNetworkSpec): GraphNetwork {
  checkSpecShape(spec);
  const { known, nodeSpec } = collectNodes(spec);
  const links = spec.links.map(linkOf);
  const { incoming, succ } = indexLinks(links, known, new Set(spec.inputs));
  const names = spec.nodes.map((n) => n.name);
  const order = topologicalOrder(names, succ);
  const nodeNames = [...spec.inputs, ...order];
  const index = new Map(nodeNames.map((n, i) => [n, i]));
  const { units, parameters, kinds } = compileUnits(order, nodeSpec, incoming, links, index);
  const outputs = outputNames(spec, nodeSpec, names, order, succ);
  return Object.freeze({
    inputs: Object.freeze(spec.inputs.slice()),
    outputs: Object.freeze(outputs),
    nodeNames: Object.freeze(nodeNames),
    parameters: Object.freeze(parameters),
    parameterKinds: Object.freeze(kinds),
    units: Object.freeze(units),
    outputIndex: Object.freeze(outputs.map((o) => index.get(o)!)),
    linkCount: links.length,
  });
}

/** Validation of the spec's kind: an object with arrays inputs, nodes (non-empty) and links. */
function checkSpecShape(spec: GraphNetworkSpec): void {
  if (typeof spec !== 'object' || spec === null) throw new TypeError(`graphNetwork: spec must be an object; got ${String(spec)}`);
  if (!Array.isArray(spec.inputs)) throw new TypeError(`graphNetwork: inputs must be an array of names; got ${String(spec.inputs)}`);
  if (!Array.isArray(spec.nodes) || spec.nodes.length === 0) throw new TypeError(`graphNetwork: nodes must be a non-empty array of {name, activation, bias?}; got ${String(spec.nodes)}`);
  if (!Array.isArray(spec.links)) throw new TypeError(`graphNetwork: links must be an array; got ${String(spec.links)}`);
}

/**
 * Validation of the neurons: input names, then computing nodes (name, activation), all names
 * distinct. Returns the set of known names and each computing node's spec by name.
 */
function collectNodes(spec: GraphNetworkSpec): { known: Set<string>; nodeSpec: Map<string, GraphNodeSpec> } {
  const known = new Set<string>();
  for (const name of spec.inputs) {
    if (typeof name !== 'string' || name === '') throw new TypeError(`graphNetwork: input names must be non-empty strings; got ${String(name)}`);
    if (known.has(name)) throw new RangeError(`graphNetwork: duplicate node name '${name}'`);
    known.add(name);
  }
  const nodeSpec = new Map<string, GraphNodeSpec>();
  spec.nodes.forEach((n, k) => {
    if (typeof n !== 'object' || n === null || typeof n.name !== 'string' || n.name === '') throw new TypeError(`graphNetwork: nodes[${k}].name must be a non-empty string; got ${String(n?.name)}`);
    if (known.has(n.name)) throw new RangeError(`graphNetwork: duplicate node name '${n.name}'`);
    const a = n.activation;
    if (typeof a !== 'object' || a === null || typeof a.f !== 'function' || typeof a.df !== 'function') {
      throw new TypeError(`graphNetwork: nodes[${k}] ('${n.name}').activation must be an Activation {name, f, df, d2f}; got ${String(a)}`);
    }
    known.add(n.name);
    nodeSpec.set(n.name, n);
  });
  return { known, nodeSpec };
}

/**
 * Validation and indexing of the links i → j, in spec order (each checked by {@link checkLink}).
 * Returns the incoming link indices of each node j and the successors of each computing node i.
 */
function indexLinks(links: GraphLinkSpec[], known: Set<string>, inputSet: Set<string>): { incoming: Map<string, number[]>; succ: Map<string, string[]> } {
  const incoming = new Map<string, number[]>();
  const succ = new Map<string, string[]>();
  const firstLink = new Map<string, number>(); // (from, to) → index of its first link
  const defaultOwner = new Map<string, number>(); // default weight name → index of the link that has it
  links.forEach((l, k) => {
    checkLink(links, k, known, inputSet, firstLink, defaultOwner);
    if (!incoming.has(l.to)) incoming.set(l.to, []);
    incoming.get(l.to)!.push(k);
    if (!inputSet.has(l.from)) {
      if (!succ.has(l.from)) succ.set(l.from, []);
      succ.get(l.from)!.push(l.to);
    }
  });
  return { incoming, succ };
}

/**
 * Validation of links[k]: known ends, not into an input, a valid weight, not a silent repeat of an
 * earlier (from, to) link, and a default weight name `w<from><to>` no earlier link already has.
 * Records the link in firstLink and defaultOwner.
 */
function checkLink(links: GraphLinkSpec[], k: number, known: Set<string>, inputSet: Set<string>, firstLink: Map<string, number>, defaultOwner: Map<string, number>): void {
  const l = links[k];
  for (const end of ['from', 'to'] as const) {
    if (!known.has(l[end])) throw new RangeError(`graphNetwork: links[${k}] (${l.from} → ${l.to}) refers to unknown node '${l[end]}'; known nodes: ${[...known].join(', ')}`);
  }
  if (inputSet.has(l.to)) throw new RangeError(`graphNetwork: links[${k}] (${l.from} → ${l.to}) ends at input '${l.to}'; inputs have no incoming links`);
  if (l.weight !== undefined && typeof l.weight !== 'string' && !(typeof l.weight === 'number' && Number.isFinite(l.weight))) {
    throw new TypeError(`graphNetwork: links[${k}].weight must be a parameter name or a finite number; got ${String(l.weight)}`);
  }
  const pair = JSON.stringify([l.from, l.to]);
  const first = firstLink.get(pair);
  if (first === undefined) firstLink.set(pair, k);
  else if (l.weight === undefined || links[first].weight === undefined) {
    throw new RangeError(`graphNetwork: links[${first}] and links[${k}] both link ${l.from} → ${l.to}; a repeated link adds its weight twice. Remove one, or give every copy an explicit weight (a shared parameter name or a number) if it is meant`);
  }
  if (l.weight === undefined) {
    const name = `w${l.from}${l.to}`;
    const other = defaultOwner.get(name);
    if (other !== undefined) {
      const o = links[other];
      throw new RangeError(`graphNetwork: links[${other}] (${o.from} → ${o.to}) and links[${k}] (${l.from} → ${l.to}) both get the default weight name '${name}'; give one of them an explicit weight name (e.g. [from, to, 'w${l.from}_${l.to}'])`);
    }
    defaultOwner.set(name, k);
  }
}

/**
 * Topological order of the computing nodes by Kahn's algorithm, ties broken by spec order
 * (deterministic). Throws on a cycle, naming one.
 */
function topologicalOrder(names: string[], succ: Map<string, string[]>): string[] {
  const indeg = new Map<string, number>(names.map((n) => [n, 0]));
  for (const [, ws] of succ) for (const w of ws) indeg.set(w, indeg.get(w)! + 1);
  const order: string[] = [];
  const done = new Set<string>();
  while (order.length < names.length) {
    const next = names.find((n) => !done.has(n) && indeg.get(n) === 0);
    if (next === undefined) {
      const rest = names.filter((n) => !done.has(n));
      const restSucc = new Map([...succ].filter(([v]) => !done.has(v)));
      throw new RangeError(`graphNetwork: the links contain a cycle: ${findCycle(rest, restSucc).join(' → ')}; a feed-forward network must be acyclic`);
    }
    order.push(next); done.add(next);
    for (const w of succ.get(next) ?? []) indeg.set(w, indeg.get(w)! - 1);
  }
  return order;
}

/**
 * Compile phase: one `GraphUnit` per computing node in topological order, ready for
 * z_j = Σ_q w_q x_{from[q]} + b_j. Parameters are numbered node by node in that order: incoming
 * weights (spec order), then the bias; a name met again is shared, unless its kind differs (throws).
 */
function compileUnits(
  order: string[],
  nodeSpec: Map<string, GraphNodeSpec>,
  incoming: Map<string, number[]>,
  links: GraphLinkSpec[],
  index: Map<string, number>,
): { units: GraphUnit[]; parameters: string[]; kinds: ('weight' | 'bias')[] } {
  const parameters: string[] = [];
  const kinds: ('weight' | 'bias')[] = [];
  const pIndex = new Map<string, number>();
  const param = (name: string, kind: 'weight' | 'bias'): number => {
    const existing = pIndex.get(name);
    if (existing !== undefined) {
      if (kinds[existing] !== kind) throw new RangeError(`graphNetwork: parameter '${name}' is used both as a weight and as a bias`);
      return existing;
    }
    pIndex.set(name, parameters.length); parameters.push(name); kinds.push(kind);
    return parameters.length - 1;
  };
  const linkParam = new Int32Array(links.length).fill(-1);
  const units: GraphUnit[] = order.map((name) => {
    const ks = incoming.get(name) ?? [];
    for (const k of ks) {
      const l = links[k];
      if (typeof l.weight !== 'number') linkParam[k] = param(l.weight ?? `w${l.from}${l.to}`, 'weight');
    }
    const ns = nodeSpec.get(name)!;
    const biasIdx = biasParameter(name, ns.bias ?? true, param);
    return Object.freeze({
      name,
      activation: ns.activation,
      bias: biasIdx,
      from: Int32Array.from(ks, (k) => index.get(links[k].from)!),
      param: Int32Array.from(ks, (k) => linkParam[k]),
      fixed: Float64Array.from(ks, (k) => (typeof links[k].weight === 'number' ? (links[k].weight as number) : 0)),
      weightNames: ks.map((k) => (typeof links[k].weight === 'number' ? String(links[k].weight) : parameters[linkParam[k]])),
    });
  });
  return { units, parameters, kinds };
}

/** Index of node `name`'s bias parameter b_j (`true`: named `b<name>`), or −1 for `false`; validates the option. */
function biasParameter(name: string, b: boolean | string, param: (name: string, kind: 'bias') => number): number {
  if (typeof b !== 'boolean' && (typeof b !== 'string' || b === '')) throw new TypeError(`graphNetwork: node '${name}'.bias must be a boolean or a parameter name; got ${String(b)}`);
  return b === false ? -1 : param(b === true ? `b${name}` : b, 'bias');
}

/** The output neurons: spec.outputs validated (computing nodes), or by default the computing nodes without outgoing links, in topological order. */
function outputNames(spec: GraphNetworkSpec, nodeSpec: Map<string, GraphNodeSpec>, names: string[], order: string[], succ: Map<string, string[]>): string[] {
  if (spec.outputs === undefined) return order.filter((n) => !succ.has(n));
  if (!Array.isArray(spec.outputs) || spec.outputs.length === 0) throw new TypeError(`graphNetwork: outputs must be a non-empty array of node names; got ${String(spec.outputs)}`);
  for (const o of spec.outputs) if (!nodeSpec.has(o)) throw new RangeError(`graphNetwork: output '${o}' is not a computing node; computing nodes: ${names.join(', ')}`);
  return spec.outputs.slice();
}
