import { show } from '@neurobridge/core';
import { binaryCrossEntropy, itakuraSaito, squared, squaredHalf, type Loss } from '../training/losses.js';

/**
 * learn's built-in losses by name, the ones that cross to a worker thread (functions cannot be
 * sent to another thread: the name is sent and mapped back to the same object in the worker).
 */
const BUILT_IN_LOSSES: Readonly<Record<string, Loss>> = Object.freeze({ squaredHalf, squared, itakuraSaito, binaryCrossEntropy });

/** The name of a built-in loss (the very object exported by learn), or null for any other loss. */
export function builtInLossName(loss: Loss): string | null {
  for (const [name, l] of Object.entries(BUILT_IN_LOSSES)) if (l === loss) return name;
  return null;
}

/** The built-in loss of that name (the worker side of `builtInLossName`). */
export function lossFromName(name: string): Loss {
  if (!Object.hasOwn(BUILT_IN_LOSSES, name)) throw new TypeError(`loss must be one of ${Object.keys(BUILT_IN_LOSSES).join(', ')}; got ${show(name)}`);
  return BUILT_IN_LOSSES[name];
}
