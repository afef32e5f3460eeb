// The machine description that goes with every table: CPU, cores, load, tool versions.
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { findPython, peerEnv, blasOverridesSet } from './python.mjs';

function firstLine(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? (r.stdout || r.stderr).trim().split('\n')[0] : null;
}

/** Resolved path of libblas.so.3 (Debian alternatives: openblas-pthread, reference, ...). */
function blasImplementation() {
  const r = spawnSync('readlink', ['-f', '/usr/lib/x86_64-linux-gnu/libblas.so.3'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

let kernelsCache;

/** { core, fma, perInstruction } for an OpenBLAS kernel family name (openblas_get_corename). */
export function describeKernels(core) {
  const wide512 = /skylakex|cooperlake|sapphirerapids/i.test(core);
  const wide256 = /haswell|zen|excavator|steamroller|piledriver/i.test(core);
  return {
    core,
    fma: wide512 ? '512-bit fused multiply-adds (AVX-512: 8 multiply-adds per instruction)'
      : wide256 ? '256-bit fused multiply-adds (AVX2/FMA: 4 multiply-adds per instruction)'
        : 'vectorised multiply-adds',
    perInstruction: wide512 ? 8 : wide256 ? 4 : null,
  };
}

/**
 * Which OpenBLAS kernels numpy's BLAS runs in the peers (openblas_get_corename, e.g. 'Cooperlake'),
 * read by a Python that has imported numpy, in the environment the timed peers get (`peerEnv`:
 * without OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE), with what that means for a double-precision
 * multiply-add: { core, fma, perInstruction, forced }, forced = the kernels the machine's environment
 * would force (null when it forces none); or null when the BLAS is not OpenBLAS or Python is missing.
 */
export function blasKernels() {
  if (kernelsCache !== undefined) return kernelsCache;
  kernelsCache = null;
  const py = findPython(['numpy']);
  if (!py) return kernelsCache;
  const code = `import sys; sys.path.insert(0, ${JSON.stringify(join(import.meta.dirname, '..'))})\n` +
    'import numpy\nfrom peer_timing import blas_corename\nprint(blas_corename() or "")\n';
  const read = (env) => {
    const r = spawnSync(py.python, ['-c', code], { encoding: 'utf8', env });
    return r.status === 0 ? r.stdout.trim() : '';
  };
  const core = read(peerEnv());
  if (core) {
    const overrides = blasOverridesSet();
    const forced = Object.keys(overrides).length ? read(peerEnv({}, { keepBlasOverrides: true })) || null : null;
    kernelsCache = { ...describeKernels(core), forced, overrides };
  }
  return kernelsCache;
}

export function describeMachine() {
  const cpus = os.cpus();
  const py = findPython(['numpy']);
  const pyAll = findPython(['brian2', 'scipy', 'numpy', 'Cython']) ?? findPython(['brian2', 'scipy', 'numpy']);
  return {
    date: new Date().toISOString(),
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    python: pyAll ? `${pyAll.version} (${pyAll.python})` : py ? `${py.version} (${py.python})` : 'not found',
    versions: pyAll?.versions ?? py?.versions ?? {},
    gcc: firstLine('gcc', ['--version']),
    blas: blasImplementation(),
    blasKernels: blasKernels(),
    loadAtStart: os.loadavg(),
  };
}

/** "1.52, 1.10, 0.80" */
export function formatLoad(l) {
  return l.map((x) => x.toFixed(2)).join(', ');
}
