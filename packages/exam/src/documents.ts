import type { SourceDocument } from './types.js';

/**
 * The five source documents (../shared/seeds), in report order.
 * @category Claims
 */
export const DOCUMENTS: readonly SourceDocument[] = [
  { prefix: 'gatsby', file: '003_a2794ab4b90ecf36.txt', title: 'Gatsby theoretical neuroscience final exam 2021 (Q1 adapting LIF neuron, Q2 low-rank networks, Q3 coding, Q4 tangent kernel)' },
  { prefix: 'chain', file: '000_6ed30def3f316882.txt', title: 'Three-neuron chain x3 = w2 w1 x1, squared loss: gradients, nonlinear and ReLU versions' },
  { prefix: 'isnet', file: '001_9d80cf7422b6b535.txt', title: '2-3-1 network with hidden-to-hidden links, output ρ(z) = z², Itakura–Saito loss' },
  { prefix: 'dis4', file: '002_f46f54620aebc846.txt', title: 'CS189 discussion 4: symmetry breaking, computation graphs, matrix gradients, finite differences vs backprop' },
  { prefix: 'inf264', file: '004_f39abda833dfc442.txt', title: 'INF264 homework: one forward/backward pass and one gradient step of a 2-1-1 ReLU network' },
];

/**
 * The document of a prefix; RangeError for an unknown one.
 * @category Claims
 */
export function documentOf(prefix: string): SourceDocument {
  const d = DOCUMENTS.find((x) => x.prefix === prefix);
  if (!d) throw new RangeError(`source must be one of ${DOCUMENTS.map((x) => x.prefix).join(', ')}; got ${JSON.stringify(prefix)}`);
  return d;
}
