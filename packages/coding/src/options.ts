import { knownKeys, show, type Rng } from '@neurobridge/core';

/**
 * An options object that must be given: an object whose keys are all known (a misspelt key
 * is a TypeError naming it, with a "did you mean"). Returns it typed as given.
 */
export function requiredOptions<T extends object>(value: T, known: readonly string[], name = 'options'): T {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TypeError(`${name} must be an object; got ${show(value)}`);
  return knownKeys(name, value, known);
}

/** An optional options object: undefined is {}; otherwise as requiredOptions. */
export function optionalOptions<T extends object>(value: T | undefined, known: readonly string[], name = 'options'): Partial<T> {
  return value === undefined ? {} : requiredOptions(value, known, name);
}

/**
 * core's optionsObject, and arrays refused too: an array's own methods (`[].shift`,
 * `[].fill`) would otherwise be read as options.
 */
export function optionsObject<T extends object>(name: string, value: T | undefined): Partial<T> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TypeError(`${name} must be an object; got ${show(value)}`);
  return value;
}

/** The generator given as `rng` (from core's createRng), checked; TypeError naming `name` otherwise. */
export function checkRng(rng: unknown, name = 'rng'): Rng {
  const r = rng as Rng | null;
  if (r === null || typeof r !== 'object' || typeof r.uniform !== 'function' || typeof r.normals !== 'function' || typeof r.substream !== 'function') {
    throw new TypeError(`${name} must be a generator from createRng(seed); got ${show(rng)}`);
  }
  return r;
}
