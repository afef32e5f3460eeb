// Claim-by-claim printing for the reproduction examples: formula, numbers, error, verdict.
// Each example ends with summary(), which sets a non-zero exit code when a claim fails.
let passed = 0, failed = 0;

// numbers are printed as the shortest decimal that round-trips, so a double's representation error shows
const fmt = (v) => String(v);

/**
 * One numeric claim: |computed − reference| ≤ tol (absolute) — or, with rel: true, relative to |reference|.
 * @param {{ id: string, claim: string, formula?: string, computed: number, reference: number, tol: number, rel?: boolean, how?: string }} c
 */
export function check(c) {
  const err = Math.abs(c.computed - c.reference);
  const scaled = c.rel ? err / Math.max(Math.abs(c.reference), Number.MIN_VALUE) : err;
  const ok = scaled <= c.tol;
  ok ? passed++ : failed++;
  console.log(`\n[${c.id}] ${c.claim}`);
  if (c.formula) console.log(`   formula   ${c.formula}`);
  console.log(`   computed  ${fmt(c.computed)}${c.how ? `   (${c.how})` : ''}`);
  console.log(`   reference ${fmt(c.reference)}`);
  console.log(`   ${c.rel ? 'rel. error' : 'abs. error'} ${scaled.toExponential(2)}  (tolerance ${c.tol.toExponential(0)})   ${ok ? 'PASS' : 'FAIL'}`);
  return ok;
}

/** A claim that is a boolean fact, with the evidence printed. */
export function fact(id, claim, evidence, ok) {
  ok ? passed++ : failed++;
  console.log(`\n[${id}] ${claim}`);
  for (const line of [].concat(evidence)) console.log(`   ${line}`);
  console.log(`   ${ok ? 'PASS' : 'FAIL'}`);
  return ok;
}

/** A remark on the source document (a slip or a missing value): printed, not counted. */
export function note(text) {
  console.log(`\n   note: ${text}`);
}

export function heading(text) {
  console.log(`\n=== ${text} ===`);
}

export function summary() {
  console.log(`\n${passed} claims passed, ${failed} failed`);
  if (failed) process.exitCode = 1;
}
