import { describe, expect, it } from 'vitest';
import { activations } from '@neurobridge/core';
import { graphNetwork } from '../src/graph/graphNetwork.js';
import { backward, forward } from '../src/graph/graphPass.js';
import { squaredHalf } from '../src/training/losses.js';
import { backwardTrace } from '../src/graph/trace.js';

const { tanh, linear, sigmoid } = activations;

describe('graphNetwork: structure', () => {
  it('orders nodes topologically whatever the spec order, and names parameters w<from><to>, b<node>', () => {
    const net = graphNetwork({
      inputs: ['1', '2'],
      nodes: [{ name: '6', activation: linear }, { name: '4', activation: tanh }, { name: '3', activation: tanh, bias: false }],
      links: [['3', '4'], ['1', '3'], ['2', '3'], ['4', '6'], ['1', '6'], { from: '3', to: '6', weight: 'shared' }, { from: '2', to: '4', weight: 'shared' }],
    });
    expect(net.nodeNames).toEqual(['1', '2', '3', '4', '6']);
    expect(net.parameters).toEqual(['w13', 'w23', 'w34', 'shared', 'b4', 'w46', 'w16', 'b6']);
    expect(net.outputs).toEqual(['6']);
    expect(net.linkCount).toBe(7);
  });
  it('a skip link and a shared weight: gradient of a shared parameter is the sum over its links', () => {
    const net = graphNetwork({
      inputs: ['a'],
      nodes: [{ name: 'h', activation: tanh, bias: false }, { name: 'o', activation: linear, bias: false }],
      links: [{ from: 'a', to: 'h', weight: 'v' }, { from: 'h', to: 'o', weight: 'v' }, ['a', 'o', 'skip']],
    });
    const v = 0.7, s = -0.4, a = 1.3, y = 0.2;
    const r = backward(net, { v, skip: s }, [a], y, squaredHalf);
    // o = v tanh(v a) + s a, with the activation's tanh (core's portableTanh) for the same bits
    const th = activations.tanh.f;
    const o = v * th(v * a) + s * a;
    expect(r.outputs[0]).toBe(o);
    const dv = (o - y) * (th(v * a) + v * (1 - th(v * a) ** 2) * a);
    expect(Math.abs(r.grad.v - dv)).toBeLessThan(1e-15);
    expect(r.grad.skip).toBe((o - y) * a);
  });
  it('fixed (numeric) weights are not parameters', () => {
    const net = graphNetwork({ inputs: ['a'], nodes: [{ name: 'o', activation: linear, bias: false }], links: [['a', 'o', 2.5]] });
    expect(net.parameters).toEqual([]);
    expect(forward(net, {}, [2]).outputs).toEqual([5]);
  });
});

describe('graphNetwork: bad input gives clear errors', () => {
  const nodes = [{ name: 'a', activation: tanh }, { name: 'b', activation: tanh }, { name: 'c', activation: tanh }];
  it('a cycle is named', () => {
    expect(() => graphNetwork({ inputs: ['x'], nodes, links: [['x', 'a'], ['a', 'b'], ['b', 'c'], ['c', 'a']] }))
      .toThrow(/the links contain a cycle: a → b → c → a/);
    expect(() => graphNetwork({ inputs: ['x'], nodes, links: [['x', 'a'], ['b', 'b']] })).toThrow(/cycle: b → b/);
  });
  it('a link to an unknown node, a link into an input, duplicate names', () => {
    expect(() => graphNetwork({ inputs: ['x'], nodes, links: [['x', 'd']] })).toThrow(/links\[0\] \(x → d\) refers to unknown node 'd'/);
    expect(() => graphNetwork({ inputs: ['x'], nodes, links: [['a', 'x']] })).toThrow(/ends at input 'x'/);
    expect(() => graphNetwork({ inputs: ['a'], nodes, links: [] })).toThrow(/duplicate node name 'a'/);
    expect(() => graphNetwork({ inputs: ['x'], nodes: [{ name: 'a', activation: 'tanh' as never }], links: [] })).toThrow(TypeError);
    expect(() => graphNetwork({ inputs: ['x'], nodes, links: [['x', 'a', NaN]] })).toThrow(/weight must be a parameter name or a finite number/);
    expect(() => graphNetwork({ inputs: ['x'], nodes: [{ name: 'a', activation: tanh, bias: 'wxa' }], links: [['x', 'a']] })).toThrow(/'wxa' is used both as a weight and as a bias/);
    expect(() => graphNetwork({ inputs: ['x'], nodes, links: [], outputs: ['x'] })).toThrow(/output 'x' is not a computing node/);
  });
  it('default weight names that collide throw, naming both links (issue 16, bug 2)', () => {
    const many = ['1', '2', '4', '11', '12', '44'].map((name) => ({ name, activation: linear, bias: false }));
    // 1 → 12 and 11 → 2 both join to 'w112'; 14 → 4 and 1 → 44 both to 'w144'
    expect(() => graphNetwork({ inputs: ['1', '11'], nodes: many.filter((n) => n.name !== '1' && n.name !== '11'), links: [['1', '12'], ['11', '2']] }))
      .toThrow(/links\[0\] \(1 → 12\) and links\[1\] \(11 → 2\) both get the default weight name 'w112'/);
    expect(() => graphNetwork({ inputs: ['1', '14'], nodes: many.filter((n) => n.name === '4' || n.name === '44'), links: [['14', '4'], ['1', '44']] }))
      .toThrow(/links\[0\] \(14 → 4\) and links\[1\] \(1 → 44\) both get the default weight name 'w144'/);
    // an explicit name on either link resolves it; a name chosen to equal another link's default is deliberate sharing
    const net = graphNetwork({ inputs: ['1', '11'], nodes: [{ name: '12', activation: linear, bias: false }, { name: '2', activation: linear, bias: false }], links: [['1', '12'], ['11', '2', 'w11_2']] });
    expect(net.parameters).toEqual(['w112', 'w11_2']);
    const shared = graphNetwork({ inputs: ['1', '11'], nodes: [{ name: '12', activation: linear, bias: false }, { name: '2', activation: linear, bias: false }], links: [['1', '12'], ['11', '2', 'w112']] });
    expect(shared.parameters).toEqual(['w112']);
  });
  it('a link listed twice throws unless every copy names its weight (issue 16, bug 2)', () => {
    const one = [{ name: 'o', activation: linear, bias: false }];
    expect(() => graphNetwork({ inputs: ['x'], nodes: one, links: [['x', 'o'], ['x', 'o']] }))
      .toThrow(/links\[0\] and links\[1\] both link x → o; a repeated link adds its weight twice/);
    expect(() => graphNetwork({ inputs: ['x'], nodes: one, links: [['x', 'o', 'w'], ['x', 'o']] })).toThrow(/links\[0\] and links\[1\] both link x → o/);
    expect(() => graphNetwork({ inputs: ['x'], nodes: one, links: [['x', 'o'], { from: 'x', to: 'o', weight: 'wxo' }] })).toThrow(/both link x → o/);
    // on purpose: a shared name (or a fixed number) on every copy
    const net = graphNetwork({ inputs: ['x'], nodes: one, links: [['x', 'o', 'w'], ['x', 'o', 'w'], ['x', 'o', 0.5]] });
    expect(net.parameters).toEqual(['w']);
    expect(forward(net, { w: 2 }, [3]).outputs).toEqual([3 * (2 + 2 + 0.5)]);
  });
  it('a missing or unknown parameter, mismatched input and target sizes', () => {
    const net = graphNetwork({ inputs: ['x', 'y'], nodes: [{ name: 'o', activation: linear }], links: [['x', 'o'], ['y', 'o']] });
    expect(() => forward(net, { wxo: 1, wyo: 2 }, [1, 2])).toThrow(/params.bo is missing \(expected wxo, wyo, bo\)/);
    expect(() => forward(net, { wxo: 1, wyo: 2, bo: 0, w46: 1 }, [1, 2])).toThrow(/params.w46 is not a key of params \(.*known: wxo, wyo, bo\)/);
    expect(() => forward(net, [1, 2], [1, 2])).toThrow(/params must have 3 entries \(wxo, wyo, bo\); got 2/);
    expect(() => forward(net, [1, 2, 3], [1])).toThrow(/input must have 2 entries \(x, y\); got 1/);
    expect(() => forward(net, [1, 2, NaN], [1, 2])).toThrow(/params\[2\] \(bo\) must be finite; got NaN/);
    expect(() => backward(net, [1, 2, 3], [1, 2], [1, 2], squaredHalf)).toThrow(/target must have 1 entries \(o\); got 2/);
  });
});

describe('backwardTrace', () => {
  it('shows every z, x, δ and ∂L/∂θ with formula and numbers, values equal to backward', () => {
    const net = graphNetwork({
      inputs: ['1'],
      nodes: [{ name: '2', activation: sigmoid }, { name: '3', activation: linear, bias: false }],
      links: [['1', '2', 'w1'], ['2', '3', 'w2']],
    });
    const params = { w1: 0.5, b2: -0.25, w2: 2 };
    const { records, lines } = backwardTrace(net, params, [1.5], 1, squaredHalf);
    const r = backward(net, params, [1.5], 1, squaredHalf);
    const get = (sym: string) => records.find((x) => x.symbol === sym)!;
    expect(get('z2').formula).toBe('w1·x1 + b2');
    expect(get('z2').numbers).toBe('0.5·1.5 + (-0.25)');
    expect(get('z2').value).toBe(r.z['2']);
    expect(get('x3').value).toBe(r.x['3']);
    expect(get('δ2').value).toBe(r.delta['2']);
    expect(get('∂L/∂x2').formula).toBe('w2·δ3');
    expect(get('∂L/∂w1').formula).toBe('δ2·x1');
    expect(get('∂L/∂w1').value).toBe(r.grad.w1);
    expect(get('L').value).toBe(r.loss);
    expect(records.map((x) => x.phase)).toEqual(['forward', 'forward', 'forward', 'forward', 'loss', 'backward', 'backward', 'backward', 'backward', 'gradient', 'gradient', 'gradient']);
    expect(lines[0]).toBe('z2 = w1·x1 + b2 = 0.5·1.5 + (-0.25) = 0.5');
    expect(() => backwardTrace(net, params, [1.5], 1, squaredHalf, { digits: 0 })).toThrow(/digits must be an integer in \[1, 17\]; got 0/);
  });
});
