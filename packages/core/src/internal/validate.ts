/**
 * Boundary validation shared by the numerics modules. Messages follow the house template
 * `RangeError: <name> must be <allowed>; got <value>`: TypeError for the wrong kind of
 * value, RangeError for the wrong size or range.
 */

/** Short printable form of any value for error messages. */
export function show(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return typeof value === 'object' ? 'an object' : String(value);
}

/** A finite number, else TypeError (not a number) or RangeError (NaN, ±Infinity). */
export function finiteNumber(name: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number; got ${show(value)}`);
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be finite; got ${show(value)}`);
  return value;
}

/** A number > 0 and finite. */
export function positiveNumber(name: string, value: unknown): number {
  finiteNumber(name, value);
  if ((value as number) <= 0) throw new RangeError(`${name} must be > 0 and finite; got ${show(value)}`);
  return value as number;
}

/** An integer in [min, max]. */
export function integerInRange(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be an integer; got ${show(value)}`);
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity || max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new RangeError(`${name} must be an integer ${range}; got ${show(value)}`);
  }
  return value;
}

/** A function, else TypeError. */
export function functionArg<F>(name: string, value: F): F {
  if (typeof value !== 'function') throw new TypeError(`${name} must be a function; got ${show(value)}`);
  return value;
}

/** An array-like of finite numbers (number[] or typed array), copied to a Float64Array. */
export function finiteVector(name: string, value: unknown, length?: number): Float64Array {
  if (value === null || typeof value !== 'object' || typeof (value as ArrayLike<number>).length !== 'number') {
    throw new TypeError(`${name} must be an array of numbers; got ${show(value)}`);
  }
  const v = value as ArrayLike<number>;
  if (length !== undefined && v.length !== length) {
    throw new RangeError(`${name} must have length ${length}; got length ${v.length}`);
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

/** Options must be undefined or a plain object. */
export function optionsObject<T extends object>(name: string, value: T | undefined): Partial<T> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object') throw new TypeError(`${name} must be an object; got ${show(value)}`);
  return value;
}
