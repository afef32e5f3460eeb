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
 * Runs `python script '<json cfg>'` and parses the last stdout line as JSON.
 * Throws with the script's stderr on failure. `env` adds environment variables
 * (e.g. OPENBLAS_NUM_THREADS).
 */
export function runPython(py, script, cfg, { env = {}, timeoutMs = 600_000 } = {}) {
  const r = spawnSync(py.python, ['-W', 'ignore', script, JSON.stringify(cfg)], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 256 * 1024 * 1024,
    timeout: timeoutMs,
  });
  if (r.status !== 0) {
    const tail = (r.stderr || String(r.error ?? '')).trim().split('\n').slice(-8).join('\n');
    throw new Error(`${script} failed (exit ${r.status}):\n${tail}`);
  }
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}
