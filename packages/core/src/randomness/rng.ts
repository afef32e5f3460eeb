import seedrandom from 'seedrandom';
import { portableLog } from '../elementary/portableMath.js';
import { finiteNumber, integerInRange, MAX_ARRAY_LENGTH, show } from '../validate.js';

/**
 * A seeded pseudo-random generator. Same seed → bit-identical sequence on every
 * platform (see `createRng`). Pass it in (`{ rng }`); there is no global default.
 * @category Randomness
 */
export interface Rng {
  /** Uniform double in (0, 1) with 53 random bits (0 is never returned). */
  uniform(): number;
  /** Standard normal N(0, 1) (Marsaglia polar method, second value cached). */
  normal(): number;
  /** n standard normals, written into `out` (length ≥ n) when given, else a new array (n ≤ 2^27). */
  normals(n: number, out?: Float64Array): Float64Array;
  /** Uniform integer in 0..n−1, unbiased (rejection sampling); 1 ≤ n ≤ 2^53. */
  int(n: number): number;
  /** Named independent substream, a function of (this stream's seed, name) only. */
  substream(name: string): Rng;
}

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/**
 * Create a generator from a seed.
 *
 * Engine: Richard Brent's xor4096 (xorshift with 4096 bits of state plus a Weyl
 * sequence) from seedrandom 3. Chosen over alea because it uses only 32-bit integer
 * operations (alea uses floating-point multiply-with-carry), so its output is
 * bit-identical in every JavaScript engine by construction; its period 2^4128 − 2^32
 * leaves room for many substreams; it passes BigCrush with no systematic failures.
 * `uniform()` is seedrandom's `.double()`: 21 + 32 bits from two outputs, (top + bot)/2^21,
 * redrawn if exactly 0, so it lies in (0, 1) with 53 random bits.
 *
 * Seed → key: a number seed must be finite and is keyed by `String(seed)`, so
 * `createRng(1)` and `createRng('1')` are the same stream. The root key is
 * K = JSON.stringify(String(seed)), and the engine is seeded with the string K:
 * seedrandom's xor4096 key schedule (the hash) xors every UTF-16 code unit of K into a
 * 32-bit xorshift register that fills the 128-word state, then discards 512 outputs.
 *
 * Substreams: `rng.substream(name)` has key  K + '/' + JSON.stringify(name), hashed the
 * same way. The encoding is injective (JSON strings are self-delimiting), so distinct
 * paths give distinct keys; it depends only on the parent's key and the name, never on
 * how many numbers the parent has drawn.
 *
 * Normals: Marsaglia's polar method — draw u, v uniform in (−1, 1) until
 * 0 < s = u² + v² < 1, then u·√(−2 ln s / s) and v·√(−2 ln s / s) are independent N(0,1).
 * The first is returned, the second cached and returned by the next call. Chosen over
 * Box–Muller because it needs only log and sqrt (no sin/cos).
 *
 * Bit-identity across engines: the output rests only on seedrandom's 32-bit integer operations
 * and on IEEE-754 basic operations, which ECMA-262 specifies exactly (+, −, ×, ÷ and the
 * correctly rounded Math.sqrt). The logarithm is `portableLog` (correctly rounded, built from
 * basic operations only), not Math.log: Math.log is "implementation-approximated" and does
 * differ between engines (Node 20 and Chromium 156 disagree in the last bit on 5–8 % of
 * arguments), which made seeded normals differ between Node and browsers.
 *
 * @throws TypeError when seed is neither a string nor a number; RangeError when it is a
 *   non-finite number.
 * @category Randomness
 */
export function createRng(seed: string | number): Rng {
  let key: string;
  if (typeof seed === 'number') {
    finiteNumber('seed', seed);
    key = JSON.stringify(String(seed));
  } else if (typeof seed === 'string') {
    key = JSON.stringify(seed);
  } else {
    throw new TypeError(`seed must be a string or a finite number; got ${show(seed)}`);
  }
  return new SeededRng(key);
}

class SeededRng implements Rng {
  readonly #key: string;
  readonly #prng: seedrandom.PRNG;
  #hasSpare = false;
  #spare = 0;

  constructor(key: string) {
    this.#key = key;
    this.#prng = seedrandom.xor4096(key);
  }

  uniform(): number {
    return this.#prng.double();
  }

  normal(): number {
    if (this.#hasSpare) {
      this.#hasSpare = false;
      return this.#spare;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.#prng.double() - 1;
      v = 2 * this.#prng.double() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * portableLog(s)) / s);
    this.#spare = v * factor;
    this.#hasSpare = true;
    return u * factor;
  }

  normals(n: number, out?: Float64Array): Float64Array {
    integerInRange('n', n, 0, Number.MAX_SAFE_INTEGER);
    let target: Float64Array;
    if (out === undefined) {
      if (n > MAX_ARRAY_LENGTH) throw new RangeError(`n must be <= ${MAX_ARRAY_LENGTH} (an allocation bound; pass an out buffer to draw in pieces); got ${n}`);
      target = new Float64Array(n);
    }
    else {
      if (!(out instanceof Float64Array)) throw new TypeError(`out must be a Float64Array; got ${show(out)}`);
      if (out.length < n) throw new RangeError(`out must have length >= n = ${n}; got length ${out.length}`);
      target = out;
    }
    for (let i = 0; i < n; i++) target[i] = this.normal();
    return target;
  }

  int(n: number): number {
    integerInRange('n', n, 1, TWO_POW_53);
    if (n <= TWO_POW_32) {
      // Rejection on 32-bit words: accept w < limit = n·floor(2^32/n), return w mod n.
      const limit = TWO_POW_32 - (TWO_POW_32 % n);
      let w: number;
      do w = this.#prng.int32() >>> 0;
      while (w >= limit);
      return w % n;
    }
    // 53-bit words: 21 high bits and 32 low bits, exact in a double.
    const limit = TWO_POW_53 - (TWO_POW_53 % n);
    let w: number;
    do w = (this.#prng.int32() >>> 11) * TWO_POW_32 + (this.#prng.int32() >>> 0);
    while (w >= limit);
    return w % n;
  }

  substream(name: string): Rng {
    if (typeof name !== 'string') throw new TypeError(`name must be a string; got ${show(name)}`);
    return new SeededRng(`${this.#key}/${JSON.stringify(name)}`);
  }
}
