// Shared, seeded inputs for both sides of a comparison, written as raw little-endian float64
// files that numpy reads with np.fromfile. A small self-contained generator keeps the harness
// independent of the libraries it measures.
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** mulberry32: a 32-bit seeded uniform generator on [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n standard normals (Box–Muller on mulberry32), seeded. */
export function normals(n, seed) {
  const u = mulberry32(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - u()));
    const a = 2 * Math.PI * u();
    out[i] = r * Math.cos(a);
    if (i + 1 < n) out[i + 1] = r * Math.sin(a);
  }
  return out;
}

/** A fresh temporary folder and a cleanup function. */
export function scratchDir() {
  const dir = mkdtempSync(join(tmpdir(), 'neurobridge-peers-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeF64(dir, name, arr) {
  writeFileSync(join(dir, name), new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength));
}

export function readF64(dir, name) {
  const b = readFileSync(join(dir, name));
  return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8).slice();
}
