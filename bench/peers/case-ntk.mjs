// Case 4: the empirical neural tangent kernel (Gatsby 2021 Q4) of a 16-n-n-1 tanh network on
// p = 64 inputs, n = 256 and 1024: numpy (explicit per-example gradients contracted, and the
// factorised form of Eq. (16)) against @neurobridge/learn's `empiricalNtk`, same weights and inputs.
import os from 'node:os';
import { join } from 'node:path';
import { importPackage } from './harness/packages.mjs';
import { findPython, runPython, INSTALL_LINE } from './harness/python.mjs';
import { summarize, formatTime, ratio, maxRelDiff } from './harness/stats.mjs';
import { timeSync } from './harness/timing.mjs';
import { normals, writeF64, readF64 } from './harness/data.mjs';

const HERE = import.meta.dirname;
const P = 64;
const D = 16;
const WIDTHS = [256, 1024];

/** LeCun-normal weights (std 1/√fan-in, learn's default init), seeded; inputs N(0, 1). */
function problem(n) {
  const scale = (a, s) => { for (let i = 0; i < a.length; i++) a[i] *= s; return a; };
  return {
    X: normals(P * D, 11),
    W1: scale(normals(n * D, 12 + n), 1 / Math.sqrt(D)),
    W2: scale(normals(n * n, 13 + n), 1 / Math.sqrt(n)),
    w3: scale(normals(n, 14 + n), 1 / Math.sqrt(n)),
  };
}

/** Kernel as numpy writes it: 3 per-layer p × p blocks, then the total. */
function flatKernel(res) {
  const out = new Float64Array(4 * P * P);
  res.perLayer.forEach((k, l) => out.set(k, l * P * P));
  out.set(res.total, 3 * P * P);
  return out;
}

export async function run(ctx) {
  const { repeats, scratch } = ctx;
  const rows = [], notes = [], targets = [], missing = [];
  const learn = await importPackage('learn', ['empiricalNtk', 'mlp']);
  if (learn.missing) missing.push(`NeuroBridge side: ${learn.missing}`);
  const core = await importPackage('core', ['activations']);
  if (core.missing && !learn.missing) missing.push(`NeuroBridge side: ${core.missing}`);
  const py = findPython(['numpy']);
  if (!py) missing.push(`numpy side: no python3 imports numpy — install with: ${INSTALL_LINE}`);
  const nbReady = !learn.missing && !core.missing;

  for (const n of WIDTHS) {
    ctx.log(`  width ${n}`);
    const loadStart = os.loadavg()[0];
    const pr = problem(n);
    let nb = null, nbK = null;
    if (nbReady) {
      const { mlp, empiricalNtk } = learn.mod;
      const { tanh, linear } = core.mod.activations;
      const net = mlp({ sizes: [D, n, n, 1], activations: [tanh, tanh, linear], bias: false, init: { constant: 0 } });
      net.weights[0].set(pr.W1);
      net.weights[1].set(pr.W2);
      net.weights[2].set(pr.w3);
      const r = timeSync(() => empiricalNtk(net, pr.X), { warmup: 2, repeats: Math.max(repeats, 10) });
      nb = { sum: summarize(r.times), cpu: r.cpu };
      // diagnosis: the forward + backward passes alone (learn's exported `tangentFeatures`)
      if (learn.mod.tangentFeatures) {
        // interleaved pairs (kernel, passes alone), fastest of each: the least disturbed by other work
        const all = [], passes = [];
        for (let k = 0; k < Math.max(repeats, 10); k++) {
          all.push(timeSync(() => empiricalNtk(net, pr.X), { warmup: 0, repeats: 1 }).cpu[0]);
          passes.push(timeSync(() => learn.mod.tangentFeatures(net, pr.X, P), { warmup: 0, repeats: 1 }).cpu[0]);
        }
        const macs = P * (D * n + n * n + n) + P * n * n; // forward x W^T products + backward G2 W2
        const cpuAll = Math.min(...all), cpuTf = Math.min(...passes);
        notes.push(`Profile (width ${n}): the forward and backward passes (\`tangentFeatures\`, ${(macs / 1e6).toFixed(0)} M multiply-adds, ` +
          `${(100 * cpuTf / cpuAll).toFixed(0)}% of \`empiricalNtk\`'s CPU time, fastest of interleaved runs) run at ${(macs / cpuTf / 1e9).toFixed(2)} G multiply-adds per CPU second ` +
          `(learn's matmul kernels); the Gram matrices are the rest.`);
      }
      nbK = flatKernel(r.last);
    }
    const peer = {};
    if (py) {
      for (const [k, v] of Object.entries(pr)) writeF64(scratch, `${k}.f64`, v);
      for (const mode of ['explicit', 'factorised']) {
        for (const threads of [2, 1]) {
          ctx.log(`    numpy ${mode}, ${threads} BLAS thread(s)`);
          const r = runPython(py, join(HERE, 'ntk_numpy.py'), { dir: scratch, p: P, d: D, n, mode, repeats },
            { env: { OPENBLAS_NUM_THREADS: String(threads) } });
          peer[`${mode}${threads}`] = { sum: summarize(r.times), cpu: r.cpu, K: readF64(scratch, `K_${mode}.f64`) };
        }
      }
    }
    const agree = (K) => {
      if (!nbK) return '—';
      const parts = [0, 1, 2, 3].map((b) => maxRelDiff(nbK.subarray(b * P * P, (b + 1) * P * P), K.subarray(b * P * P, (b + 1) * P * P)));
      return `NeuroBridge vs this: max rel. diff, layers ${parts.slice(0, 3).map((x) => x.toExponential(1)).join(' / ')}, total ${parts[3].toExponential(1)}`;
    };
    for (const [key, label] of [
      ['explicit2', 'numpy explicit per-example gradients, BLAS 2 threads'],
      ['explicit1', 'numpy explicit per-example gradients, BLAS 1 thread'],
      ['factorised2', 'numpy factorised (Eq. 16), BLAS 2 threads'],
      ['factorised1', 'numpy factorised (Eq. 16), BLAS 1 thread'],
    ]) {
      const r = peer[key];
      rows.push([`${n}`, label, r ? formatTime(r.sum, r.cpu) : 'not run', r && nb ? ratio(r.sum, nb.sum) : '—', r ? agree(r.K) : '—']);
    }
    rows.push([`${n}`, 'NeuroBridge learn `empiricalNtk` (1 thread)', nb ? formatTime(nb.sum, nb.cpu) : 'not available', nb ? '1 (baseline)' : '—',
      peer.explicit2 && peer.factorised2 ? `numpy explicit vs factorised: max rel. diff ${maxRelDiff(peer.explicit2.K, peer.factorised2.K).toExponential(1)}` : '—']);
    if (n === 1024) {
      const ex = peer.explicit2;
      targets.push({
        name: 'case 4: NeuroBridge `empiricalNtk` ≥ 10× faster than numpy\'s explicit contraction at width 1024 (numpy 2-thread time / NeuroBridge time)',
        value: ex && nb ? ratio(ex.sum, nb.sum) : '—', met: ex && nb ? ex.sum.median / nb.sum.median >= 10 : null,
      });
    }
    notes.push(`width ${n}: load average (1 min) ${loadStart.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end.`);
  }
  if (targets.some((t) => t.met === false)) {
    notes.push('Diagnosis of the miss: `empiricalNtk` already uses the factorised form (Eq. 16) and never forms the per-example ' +
      'gradients; its time is the forward and backward passes (profile above): two p × n × n products on learn\'s packed-panel ' +
      'matmul (4×4 tiles, WebAssembly SIMD when available), at a multiply-add rate well below numpy\'s BLAS (case 5 profile). ' +
      'numpy\'s explicit contraction does far more work (it writes p·n² doubles) but at BLAS speed, so the algorithmic advantage ' +
      'is partly eaten by the kernel-speed gap; numpy with the same factorisation is faster than NeuroBridge (rows above). ' +
      'Proposed fixes (in learn, not done here): (1) pack each weight matrix once per kernel evaluation, or keep packed panels ' +
      'while the weights do not change (W² is packed for the forward product with W²ᵀ and again for the backward product with ' +
      'W²; a node --cpu-prof profile puts a large share of the time in packing and the JS driver around the tile kernel); ' +
      '(2) split the p examples over workers in an opt-in entry point (rows of the tangent features are independent, the Gram ' +
      'matrices are cheap) — bounded by the two-thread throughput in the machine table; (3) fused multiply-add tiles ' +
      '(relaxed SIMD) where the engine has them.');
  }
  return {
    title: 'Case 4 — empirical neural tangent kernel, p = 64, inputs of dimension 16',
    description:
      'f(x) = w³·tanh(W² tanh(W¹x)), widths n = 256 and 1024, no biases, LeCun-normal weights, seeded and shared by both sides. ' +
      'Kernel: C^l_μν = x̃^l_μ·x̃^l_ν / N_l (N_l = fan-in), C = Σ_l C^l / 3 (Eqs. (13), (36), equal layer rates), the normalisation of `empiricalNtk`. ' +
      'Every timing starts from weights and inputs (forward and backward passes included). numpy explicit: the per-example gradients ' +
      'are materialised (p × n² doubles for the hidden layer: 0.5 GB at n = 1024) and contracted by BLAS; factorised: Eq. (16) as two ' +
      'p × p Gram matrices per layer (bench/peers/ntk_numpy.py). Ratio = numpy time / NeuroBridge time (> 1: NeuroBridge faster). ' +
      'Agreement: max_ij |ΔC_ij| / max_ij |C_ij| per layer and for the total.',
    headers: ['width', 'side', 'wall time, median (min–max, runs); CPU', 'ratio', 'kernel agreement'],
    rows, notes, targets, missing,
  };
}
