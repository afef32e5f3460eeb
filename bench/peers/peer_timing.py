"""Shared timing loop of the Python peers: wall and CPU seconds of each repeated call."""
import time


def timed_repeats(fn, repeats):
    """Calls fn() `repeats` times; returns (wall seconds list, CPU seconds list, last result)."""
    times, cpu, result = [], [], None
    for _ in range(repeats):
        c0, t0 = time.process_time(), time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return times, cpu, result
