// Wall-time measurement of a JS side, with the same method as the Python peers:
// `warmup` untimed calls (JIT), then `repeats` timed calls. Seconds per call, wall clock and
// process CPU time (all threads of the process, workers included; the machine is shared, so
// CPU time shows how much of the wall time was spent waiting for a core).

function cpuSeconds(since) {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
}

/** Times a synchronous function; returns { times, cpu, last } (last = the last call's result). */
export function timeSync(fn, { warmup = 1, repeats = 5 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const times = [], cpu = [];
  let last;
  for (let i = 0; i < repeats; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    last = fn();
    times.push((performance.now() - t0) / 1e3);
    cpu.push(cpuSeconds(c0));
  }
  return { times, cpu, last };
}

/** Same for an async function (e.g. a run spread over worker threads). */
export async function timeAsync(fn, { warmup = 1, repeats = 5 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const times = [], cpu = [];
  let last;
  for (let i = 0; i < repeats; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    last = await fn();
    times.push((performance.now() - t0) / 1e3);
    cpu.push(cpuSeconds(c0));
  }
  return { times, cpu, last };
}
