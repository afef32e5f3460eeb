import type { Claim, Slip } from '../types.js';

export const claims: Claim[] = [];
export const slips: Slip[] = [];
