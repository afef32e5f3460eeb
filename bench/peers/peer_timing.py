"""Shared helpers of the Python peers: the timing loop, and which OpenBLAS kernels numpy runs."""
import ctypes
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


def blas_corename():
    """The kernel family OpenBLAS chose in THIS process (openblas_get_corename, e.g. 'Cooperlake'),
    read from the BLAS library numpy has loaded (call after importing numpy); None if it is not
    OpenBLAS. It depends on the environment (OPENBLAS_CORETYPE forces one), hence read here, in the
    process that is timed."""
    try:
        with open('/proc/self/maps') as f:
            paths = sorted({line.split()[-1] for line in f if 'blas' in line.rsplit('/', 1)[-1].lower()})
    except OSError:
        return None
    for path in paths:
        try:
            fn = ctypes.CDLL(path).openblas_get_corename
        except (OSError, AttributeError):
            continue
        fn.restype = ctypes.c_char_p
        return fn().decode()
    return None
