// The machine description that goes with every table: CPU, cores, load, tool versions.
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { findPython } from './python.mjs';

function firstLine(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? (r.stdout || r.stderr).trim().split('\n')[0] : null;
}

/** Resolved path of libblas.so.3 (Debian alternatives: openblas-pthread, reference, ...). */
function blasImplementation() {
  const r = spawnSync('readlink', ['-f', '/usr/lib/x86_64-linux-gnu/libblas.so.3'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
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
    loadAtStart: os.loadavg(),
  };
}

/** "1.52, 1.10, 0.80" */
export function formatLoad(l) {
  return l.map((x) => x.toFixed(2)).join(', ');
}
