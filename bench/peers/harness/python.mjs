// Finding a Python that can import a peer's modules, and running a peer script.
// The peers come from Debian's packages (python3-brian, python3-scipy, python3-numpy), which
// live in /usr/bin/python3's dist-packages and not in a pyenv/venv python that may be first on
// PATH; so /usr/bin/python3 is tried first, then whatever python3 is on PATH.
import { spawnSync } from 'node:child_process';

export const INSTALL_LINE = 'apt-get install -y python3-brian python3-scipy python3-numpy';
// PEERS_PYTHON=/path/to/python forces one interpreter (e.g. to test the missing-peer path).
const CANDIDATES = process.env.PEERS_PYTHON ? [process.env.PEERS_PYTHON] : ['/usr/bin/python3', 'python3', 'python'];
const cache = new Map();

/**
 * The first candidate interpreter that imports every module in `modules`, with the modules'
 * versions: { python, version, versions: { brian2: '2.5.1', ... } }, or null.
 */
export function findPython(modules) {
  const key = modules.join(',');
  if (cache.has(key)) return cache.get(key);
  const code =
    'import json, sys\n' +
    `mods = ${JSON.stringify(modules)}\n` +
    'v = {}\n' +
    'for m in mods:\n' +
    '    mod = __import__(m)\n' +
    "    v[m] = getattr(mod, '__version__', '?')\n" +
    "print(json.dumps({'version': sys.version.split()[0], 'versions': v}))\n";
  let found = null;
  for (const python of CANDIDATES) {
    const r = spawnSync(python, ['-W', 'ignore', '-c', code], { encoding: 'utf8' });
    if (r.status === 0) {
      try {
        const info = JSON.parse(r.stdout.trim().split('\n').pop());
        found = { python, ...info };
        break;
      } catch {
        // not JSON: try the next candidate
      }
    }
  }
  cache.set(key, found);
  return found;
}

/**
 * Variables of the machine's environment that OpenBLAS reads to choose its kernels. Some older
 * OpenBLAS builds crash on processors they do not know without them, so this machine sets them
 * (OPENBLAS_CORETYPE=Haswell, OPENBLAS_L2_SIZE) for tests and CI; but they force the Haswell
 * (AVX2) kernels where the processor has AVX-512, which handicaps numpy's BLAS. The peers run
 * without them (`peerEnv`), and OpenBLAS picks its kernels from the processor itself.
 */
export const BLAS_OVERRIDES = ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE'];

/** The overrides set in this process's environment: { OPENBLAS_CORETYPE: 'Haswell', … } (may be empty). */
export function blasOverridesSet() {
  return Object.fromEntries(BLAS_OVERRIDES.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]]));
}

/**
 * The environment of a Python peer: this process's, less BLAS_OVERRIDES (unless `keepBlasOverrides`),
 * plus `extra` (e.g. OPENBLAS_NUM_THREADS).
 */
export function peerEnv(extra = {}, { keepBlasOverrides = false } = {}) {
  const env = { ...process.env };
  if (!keepBlasOverrides) for (const k of BLAS_OVERRIDES) delete env[k];
  return { ...env, ...extra };
}

/**
 * Scripts that crashed (killed by a signal) without BLAS_OVERRIDES and were run again with them:
 * reported in the machine table, since their numpy then ran the forced kernels.
 */
export const blasOverrideFallbacks = new Set();

function spawnPeer(py, script, cfg, env, timeoutMs) {
  return spawnSync(py.python, ['-W', 'ignore', script, JSON.stringify(cfg)], {
    encoding: 'utf8', env, maxBuffer: 256 * 1024 * 1024, timeout: timeoutMs,
  });
}

/**
 * Runs `python script '<json cfg>'` in `peerEnv(env)` and parses the last stdout line as JSON.
 * If the script is killed by a signal (an OpenBLAS build that cannot run this processor without
 * the overrides) and overrides are set, it is run again with them and recorded in
 * `blasOverrideFallbacks`. Throws with the script's stderr on failure. `env` adds environment
 * variables (e.g. OPENBLAS_NUM_THREADS).
 */
export function runPython(py, script, cfg, { env = {}, timeoutMs = 600_000 } = {}) {
  let r = spawnPeer(py, script, cfg, peerEnv(env), timeoutMs);
  if (r.signal && r.signal !== 'SIGTERM' && Object.keys(blasOverridesSet()).length) {
    blasOverrideFallbacks.add(`${script.split('/').pop()} (${r.signal} without ${BLAS_OVERRIDES.join(', ')})`);
    r = spawnPeer(py, script, cfg, peerEnv(env, { keepBlasOverrides: true }), timeoutMs);
  }
  if (r.status !== 0) {
    const tail = (r.stderr || String(r.error ?? '')).trim().split('\n').slice(-8).join('\n');
    throw new Error(`${script} failed (exit ${r.status}${r.signal ? `, ${r.signal}` : ''}):\n${tail}`);
  }
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}
