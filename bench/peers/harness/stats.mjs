// Summaries of repeated wall-time measurements and of agreement between two results.

/** { median, min, max, n } of an array of numbers (seconds). */
export function summarize(times) {
  const s = Float64Array.from(times).sort();
  const n = s.length;
  const median = n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  return { median, min: s[0], max: s[n - 1], n };
}

function unitOf(x) {
  return x >= 1 ? [1, 's'] : x >= 1e-3 ? [1e3, 'ms'] : [1e6, 'µs'];
}

/**
 * "1.23 s (1.20–1.31, n=5); CPU 1.10 s" — wall-time median (fastest–slowest, runs), and the
 * median process CPU time per run when `cpu` (seconds per run) is given.
 */
export function formatTime(sum, cpu) {
  if (!sum) return '—';
  const { median, min, max, n } = sum;
  const [scale, unit] = unitOf(median);
  const f = (x) => (x * scale).toPrecision(3);
  let s = `${f(median)} ${unit} (${f(min)}–${f(max)}, n=${n})`;
  if (cpu && cpu.length) {
    const c = summarize(cpu).median;
    const [cs, cu] = unitOf(c);
    s += `; CPU ${(c * cs).toPrecision(3)} ${cu}`;
  }
  return s;
}

/** Ratio of medians a/b formatted "2.4×", or '—'. */
export function ratio(a, b) {
  if (!a || !b || !(b.median > 0)) return '—';
  return `${(a.median / b.median).toPrecision(3)}×`;
}

/**
 * Spike-train agreement of `test` against `ref` (arrays of spike times, ms), spike k against
 * spike k: max and median |Δt| over the first min(len) spikes, and the count difference.
 */
export function spikeError(ref, test) {
  const m = Math.min(ref.length, test.length);
  const d = new Float64Array(m);
  for (let k = 0; k < m; k++) d[k] = Math.abs(ref[k] - test[k]);
  const s = summarize(m ? d : [NaN]);
  return { maxAbs: m ? s.max : NaN, medianAbs: m ? s.median : NaN, countDiff: test.length - ref.length, compared: m };
}

/** Merge spikeError results of several neurons: worst max, worst |count diff|. */
export function mergeSpikeErrors(list) {
  let maxAbs = 0, medianAbs = 0, countDiff = 0, compared = 0;
  for (const e of list) {
    maxAbs = Math.max(maxAbs, e.maxAbs);
    medianAbs = Math.max(medianAbs, e.medianAbs);
    if (Math.abs(e.countDiff) > Math.abs(countDiff)) countDiff = e.countDiff;
    compared += e.compared;
  }
  return { maxAbs, medianAbs, countDiff, compared, neurons: list.length };
}

/** "max 3.2e-2 ms, median 1.1e-2 ms, count ±0 (5 neurons, 1234 spikes)" */
export function formatSpikeError(e) {
  if (!e) return '—';
  const c = e.countDiff === 0 ? '±0' : e.countDiff > 0 ? `+${e.countDiff}` : `${e.countDiff}`;
  return `max ${e.maxAbs.toExponential(1)} ms, median ${e.medianAbs.toExponential(1)} ms, count ${c} (${e.neurons} neurons, ${e.compared} spikes)`;
}

/** max_i |a_i − b_i| / max_i |b_i| (relative to the reference's scale). */
export function maxRelDiff(a, b) {
  let num = 0, den = 0;
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return den > 0 ? num / den : num;
}

/** max_i |a_i − b_i| */
export function maxAbsDiff(a, b) {
  let num = 0;
  for (let i = 0; i < b.length; i++) num = Math.max(num, Math.abs(a[i] - b[i]));
  return num;
}
