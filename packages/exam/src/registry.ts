import * as chain from './claims/chain.js';
import * as dis4 from './claims/dis4.js';
import * as gatsbyQ1 from './claims/gatsbyQ1.js';
import * as gatsbyQ2 from './claims/gatsbyQ2.js';
import * as gatsbyQ3 from './claims/gatsbyQ3.js';
import * as gatsbyQ4 from './claims/gatsbyQ4.js';
import * as inf264 from './claims/inf264.js';
import * as isnet from './claims/isnet.js';
import { show } from '@neurobridge/core';
import type { Claim, Slip } from './types.js';

const MODULES = [gatsbyQ1, gatsbyQ2, gatsbyQ3, gatsbyQ4, chain, isnet, dis4, inf264];

/**
 * Every claim of every document, in report order (document, then question).
 * @category Claims
 */
export function allClaims(): readonly Claim[] {
  return MODULES.flatMap((m) => m.claims);
}

/**
 * Every slip of every document.
 * @category Claims
 */
export function allSlips(): readonly Slip[] {
  return MODULES.flatMap((m) => m.slips);
}

/**
 * The claims whose id starts with `prefix` (all of them for '').
 * @category Claims
 */
export function claimsMatching(prefix: string): readonly Claim[] {
  if (typeof prefix !== 'string') throw new TypeError(`prefix must be a string; got ${show(prefix)}`);
  return allClaims().filter((c) => c.id.startsWith(prefix));
}
