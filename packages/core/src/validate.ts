/**
 * Boundary validation shared by every NeuroBridge package (core, lif, lowrank, learn).
 *
 * Each check returns the validated value (or a checked copy) and throws with the house
 * message template `RangeError: <name> must be <allowed>; got <value>`:
 * TypeError for the wrong kind of value, RangeError for the wrong size or range.
 * `name` is the parameter as the caller sees it (e.g. `'options.rtol'`, `'y0'`).
 *
 * @example
 * positiveNumber('tau', -5);                 // RangeError: tau must be > 0 and finite; got -5
 * positiveNumber('tauK', -5, true);          // RangeError: tauK must be > 0 (or Infinity); got -5
 * integerInRange('n', 0, 1);                 // RangeError: n must be an integer >= 1; got 0
 * finiteVector('x', [1, NaN]);               // RangeError: x[1] must be finite; got NaN
 */

/**
 * Largest length of an array allocated on a caller's request (a vector, a sample count, a
 * matrix's n², a recorded trajectory): 2^27 = 134,217,728 doubles, 1 GiB. A larger request is
 * a RangeError that names the caller's parameter, not the engine's "Invalid typed array
 * length" from deep inside, nor an out-of-memory crash of the process.
 * @category Validation
 */
export const MAX_ARRAY_LENGTH = 2 ** 27;

/**
 * Short printable form of any value for error messages: numbers as written (−0 as `-0`),
 * strings quoted, BigInts with their `n` (`5n`, never mistaken for the number 5), and only
 * the kind (and length) of functions, arrays and objects.
 * @category Validation
 */
export function show(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return 'a function';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return typeof value === 'object' ? 'an object' : String(value);
}

/**
 * A finite number; TypeError if not a number, RangeError for NaN and ±Infinity.
 * @category Validation
 */
export function finiteNumber(name: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number; got ${show(value)}`);
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be finite; got ${show(value)}`);
  return value;
}

/**
 * A number > 0: finite, or also +Infinity when `allowInfinity` (e.g. a time constant
 * with "no decay" meaning). NaN is always rejected.
 * @category Validation
 */
export function positiveNumber(name: string, value: unknown, allowInfinity = false): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number; got ${show(value)}`);
  if (!(value > 0) || (!allowInfinity && value === Infinity)) {
    throw new RangeError(`${name} must be > 0${allowInfinity ? ' (or Infinity)' : ' and finite'}; got ${show(value)}`);
  }
  return value;
}

/**
 * A finite number >= 0.
 * @category Validation
 */
export function nonNegativeNumber(name: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number; got ${show(value)}`);
  if (!(value >= 0) || value === Infinity) throw new RangeError(`${name} must be >= 0 and finite; got ${show(value)}`);
  return value;
}

/**
 * An integer in [min, max]. With max = Infinity or Number.MAX_SAFE_INTEGER (the default
 * is the latter: larger "integers" are not exact) the message reads `>= min`.
 * @category Validation
 */
export function integerInRange(name: string, value: unknown, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be an integer; got ${show(value)}`);
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity || max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new RangeError(`${name} must be an integer ${range}; got ${show(value)}`);
  }
  return value;
}

/**
 * A function, else TypeError.
 * @category Validation
 */
export function functionArg<F>(name: string, value: F): F {
  if (typeof value !== 'function') throw new TypeError(`${name} must be a function; got ${show(value)}`);
  return value;
}

/**
 * Length constraint for {@link finiteVector}: an exact length or a minimum.
 * @category Validation
 */
export type VectorLength =
  | number
  | {
      /** smallest accepted length */
      readonly min: number;
    };

/**
 * An array-like of finite numbers (number[] or typed array), copied to a fresh
 * Float64Array. `length`: the exact length required, or `{ min }`; default any length.
 * @category Validation
 */
export function finiteVector(name: string, value: unknown, length?: VectorLength): Float64Array {
  if (value === null || typeof value !== 'object' || typeof (value as ArrayLike<number>).length !== 'number') {
    throw new TypeError(`${name} must be an array-like of finite numbers; got ${show(value)}`);
  }
  const v = value as ArrayLike<unknown>;
  arrayLength(name, v.length);
  if (typeof length === 'number' && v.length !== length) {
    throw new RangeError(`${name} must have length ${length}; got length ${v.length}`);
  }
  if (typeof length === 'object' && v.length < length.min) {
    throw new RangeError(`${name} must have length >= ${length.min}; got length ${v.length}`);
  }
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== 'number') throw new TypeError(`${name}[${i}] must be a number; got ${show(x)}`);
    if (!Number.isFinite(x)) throw new RangeError(`${name}[${i}] must be finite; got ${show(x)}`);
    out[i] = x;
  }
  return out;
}

/**
 * The `length` of an array-like the caller passed: an integer in [0, MAX_ARRAY_LENGTH]. A
 * hand-made `{ length: NaN }` or `{ length: -1 }` is a TypeError (it is not an array), a length
 * beyond the bound a RangeError (it would not fit in memory).
 */
function arrayLength(name: string, length: unknown): number {
  if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) {
    throw new TypeError(`${name} must be an array-like of finite numbers; got an object with length ${show(length)}`);
  }
  if (length > MAX_ARRAY_LENGTH) throw new RangeError(`${name} must have length <= ${MAX_ARRAY_LENGTH}; got length ${length}`);
  return length;
}

/**
 * A count of elements the caller asks to be allocated (`n` normals, `count` draws, a dimension):
 * an integer in [min, max] (default max MAX_ARRAY_LENGTH):
 * `RangeError: n must be an integer in [0, 134217728] (an allocation bound: at most 134217728 elements); got 1000000000000`.
 * @category Validation
 */
export function allocationSize(name: string, value: unknown, min = 0, max = MAX_ARRAY_LENGTH): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be an integer; got ${show(value)}`);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer in [${min}, ${max}] (an allocation bound: at most ${max} elements); got ${show(value)}`);
  }
  return value;
}

/**
 * An optional value: `undefined` (→ `fallback`), else `check(name, value)`. Unlike `??`, a
 * `null` is not taken for "not given": it reaches `check`, which rejects it as the wrong kind.
 * @category Validation
 */
export function optional<T>(name: string, value: unknown, fallback: T, check: (name: string, value: unknown) => T): T {
  return value === undefined ? fallback : check(name, value);
}

/**
 * One of a fixed set of strings (a string-literal union option such as `method`): TypeError
 * when not a string, RangeError when not one of `allowed`.
 * @category Validation
 */
export function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  const list = allowed.map((a) => `'${a}'`).join(', ');
  if (typeof value !== 'string') throw new TypeError(`${name} must be one of ${list}; got ${show(value)}`);
  if (!(allowed as readonly string[]).includes(value)) throw new RangeError(`${name} must be one of ${list}; got ${show(value)}`);
  return value as T;
}

/**
 * A boolean (no truthy coercion of 'yes' or 1).
 * @category Validation
 */
export function booleanArg(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${name} must be a boolean; got ${show(value)}`);
  return value;
}

/**
 * Options must be undefined (→ `{}`) or an object; else TypeError.
 * @category Validation
 */
export function optionsObject<T extends object>(name: string, value: T | undefined): Partial<T> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object') throw new TypeError(`${name} must be an object; got ${show(value)}`);
  return value;
}

/** Levenshtein distance of two short strings (for "did you mean" hints). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * Reject keys of an options/params object that the function does not know, so a misspelt
 * option never runs silently with its default. The message names the object, the key, the
 * closest known key when it is within two edits (or differs only in case), and the full list:
 * `TypeError: options.maxspikes is not an option (did you mean maxSpikes? known: duration, maxSpikes)`.
 * With `owner` (the function's name) it reads `is not an option of <owner>`.
 * Returns the object unchanged; TypeError when it is not an object.
 * @category Validation
 */
export function knownKeys<T extends object>(name: string, value: T, known: readonly string[], owner?: string): T {
  if (value === null || typeof value !== 'object') throw new TypeError(`${name} must be an object; got ${show(value)}`);
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    let best = '';
    let bestDistance = Infinity;
    for (const k of known) {
      const d = k.toLowerCase() === key.toLowerCase() ? 0 : editDistance(k, key);
      if (d < bestDistance) { best = k; bestDistance = d; }
    }
    const hint = bestDistance <= 2 ? `did you mean ${best}? ` : '';
    const what = owner !== undefined ? `an option of ${owner}` : name === 'options' ? 'an option' : `a key of ${name}`;
    throw new TypeError(`${name}.${key} is not ${what} (${hint}known: ${known.join(', ')})`);
  }
  return value;
}
