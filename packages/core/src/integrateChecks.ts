/**
 * Argument checks shared by the integrators. Each throws a TypeError (wrong kind of value)
 * or a RangeError (wrong size) naming the parameter, its value and the allowed range.
 * Internal: not re-exported from the package index.
 */

/** Render a value for an error message. */
export function show(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return typeof value === 'object' ? 'an object' : String(value);
}

export function checkFunction(name: string, value: unknown): void {
  if (typeof value !== 'function') throw new TypeError(`${name} must be a function; got ${show(value)}`);
}

export function checkFiniteNumber(name: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a finite number; got ${show(value)}`);
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be finite; got ${show(value)}`);
  return value;
}

export function checkPositive(name: string, value: unknown, allowInfinity = false): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number; got ${show(value)}`);
  if (!(value > 0) || (!allowInfinity && value === Infinity)) {
    throw new RangeError(`${name} must be > 0${allowInfinity ? ' (or Infinity)' : ' and finite'}; got ${show(value)}`);
  }
  return value;
}

export function checkInteger(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be an integer; got ${show(value)}`);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}; got ${show(value)}`);
  }
  return value;
}

/** Copy an initial state into a fresh Float64Array, checking every entry is finite. */
export function checkState(name: string, value: unknown): Float64Array {
  if (value === null || typeof value !== 'object' || typeof (value as ArrayLike<number>).length !== 'number') {
    throw new TypeError(`${name} must be an array-like of finite numbers; got ${show(value)}`);
  }
  const src = value as ArrayLike<unknown>;
  if (src.length < 1) throw new RangeError(`${name} must have length >= 1; got length ${src.length}`);
  const out = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    if (typeof v !== 'number') throw new TypeError(`${name}[${i}] must be a finite number; got ${show(v)}`);
    if (!Number.isFinite(v)) throw new RangeError(`${name}[${i}] must be finite; got ${show(v)}`);
    out[i] = v;
  }
  return out;
}
