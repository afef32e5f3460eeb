import { show } from '@neurobridge/core';

/**
 * One spike train: sorted spike times (ms).
 * @category Generation
 */
export type SpikeTrain = Float64Array | readonly number[];

/**
 * A recording: trains[k][c] is the spike train of cell c on trial k.
 * @category Generation
 */
export type Trains = ReadonlyArray<ReadonlyArray<SpikeTrain>>;

/**
 * What the statistics accept: raw trains, or a generator's result that carries them.
 * @category Generation
 */
export type RecordingInput = Trains | {
  /** trains[k][c]: cell c on trial k, sorted spike times (ms) */
  readonly trains: Trains;
};

/**
 * Largest number of spikes one train may hold.
 * @category Generation
 */
export const MAX_TRAIN_LENGTH = 2 ** 31 - 1;

/**
 * Check one spike train: an array of finite times in ascending order (equal times allowed).
 * @throws TypeError for a value that is not an array of numbers; RangeError for a non-finite
 *   or out-of-order time, naming the element.
 * @category Generation
 */
export function checkSpikeTrain(name: string, train: unknown): Float64Array {
  if (!(train instanceof Float64Array) && !Array.isArray(train)) {
    throw new TypeError(`${name} must be a Float64Array or an array of spike times (ms); got ${show(train)}`);
  }
  const t = train as ArrayLike<unknown>;
  let prev = -Infinity;
  for (let i = 0; i < t.length; i++) {
    const x = t[i];
    if (typeof x !== 'number') throw new TypeError(`${name}[${i}] must be a number (ms); got ${show(x)}`);
    if (!Number.isFinite(x)) throw new RangeError(`${name}[${i}] must be finite; got ${show(x)}`);
    if (x < prev) throw new RangeError(`${name} must be sorted ascending; ${name}[${i}] = ${x} < ${name}[${i - 1}] = ${prev}`);
    prev = x;
  }
  return train instanceof Float64Array ? train : Float64Array.from(t as number[]);
}

/**
 * Validate a recording (trials × cells) and return it as Float64Array[][] (trains that are
 * already Float64Arrays are not copied). `cells` lists the cells that must be present.
 * @throws TypeError/RangeError naming the trial and cell of the first bad train.
 * @category Generation
 */
export function checkRecording(input: RecordingInput, cells: readonly number[], name = 'recording'): Float64Array[][] {
  const trains = (input !== null && typeof input === 'object' && !Array.isArray(input) && 'trains' in input ? input.trains : input) as unknown;
  if (!Array.isArray(trains)) throw new TypeError(`${name} must be an array of trials (each an array of spike trains, one per cell); got ${show(trains)}`);
  if (trains.length === 0) throw new RangeError(`${name} must have at least 1 trial; got 0`);
  const need = Math.max(...cells) + 1;
  return trains.map((trial: unknown, k) => {
    if (!Array.isArray(trial)) throw new TypeError(`${name}[${k}] must be an array of spike trains (one per cell); got ${show(trial)}`);
    if (trial.length < need) throw new RangeError(`${name}[${k}] must hold at least ${need} cells; got ${trial.length}`);
    return trial.map((train: unknown, c) => (cells.includes(c) ? checkSpikeTrain(`${name}[${k}][${c}]`, train) : (train as Float64Array)));
  });
}

/**
 * A cell index: an integer ≥ 0.
 * @category Generation
 */
export function checkCell(name: string, c: unknown): number {
  if (typeof c !== 'number') throw new TypeError(`${name} must be an integer >= 0; got ${show(c)}`);
  if (!Number.isInteger(c) || c < 0) throw new RangeError(`${name} must be an integer >= 0; got ${show(c)}`);
  return c;
}
