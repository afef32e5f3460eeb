"""numpy peer for case 6: spike-train statistics of two cells over many trials, the way a
numpy/scipy user computes them (Elephant cannot be installed from the registries we reach).

    PSTH:   np.histogram of all trials' spikes of a cell on the bin edges, divided by K
    JPSTH:  binned counts per trial (np.bincount of trial*M + bin), then the trial mean of the
            outer products, C1^T C2 / K, as one BLAS product into a preallocated output
    CCH:    the JPSTH's diagonal sums, C(d) = sum_m J[m, m+d], by np.bincount over n - m
    STA:    w @ X / w.sum()          (w: spike counts per time bin, X: T x D stimulus)
    STC:    np.cov(X.T, aweights=w, bias=True) - np.cov(X.T, bias=True)   (weighted minus prior),
            then np.linalg.eigh of it (the eigenvalues are returned)

Usage: coding_numpy.py '<json config>' -> one JSON object on stdout.
Config: dir (spikes1.f64, spikes2.f64: all spike times in ms, trial after trial; counts1.f64,
counts2.f64: spikes per trial; optionally X.f64 (T x D) and w.f64 (T)), trials, bins, width,
repeats, parts (a list of 'psth', 'jpsth', 'cch', 'sta', 'stc'). Results of the last run are
written to dir/<part>_numpy.f64.
"""
import json
import os
import sys

from peer_timing import timed_repeats

import numpy as np


def load(dr, name):
    return np.fromfile(os.path.join(dr, name))


def trial_index(counts):
    return np.repeat(np.arange(len(counts)), counts.astype(np.int64))


def main():
    cfg = json.loads(sys.argv[1])
    dr, K, M, width, reps = cfg['dir'], cfg['trials'], cfg['bins'], cfg['width'], cfg['repeats']
    out = {'ok': True, 'numpy': np.__version__}
    edges = np.arange(M + 1) * width
    if set(cfg['parts']) & {'psth', 'jpsth', 'cch'}:
        s1, s2 = load(dr, 'spikes1.f64'), load(dr, 'spikes2.f64')
        k1, k2 = trial_index(load(dr, 'counts1.f64')), trial_index(load(dr, 'counts2.f64'))
        J = np.empty((M, M))

        def psth():
            return np.histogram(s1, edges)[0] / K, np.histogram(s2, edges)[0] / K

        def jpsth():
            b1, b2 = np.floor(s1 / width).astype(np.int64), np.floor(s2 / width).astype(np.int64)
            C1 = np.bincount(k1 * M + b1, minlength=K * M).reshape(K, M).astype(np.float64)
            C2 = np.bincount(k2 * M + b2, minlength=K * M).reshape(K, M).astype(np.float64)
            np.matmul(C1.T, C2, out=J)
            np.divide(J, K, out=J)
            return J

        lag = (np.arange(M)[None, :] - np.arange(M)[:, None] + (M - 1)).ravel()

        def cch():
            return np.bincount(lag, weights=J.ravel(), minlength=2 * M - 1)

        parts = {'psth': psth, 'jpsth': jpsth, 'cch': cch}
        jpsth()  # cch reads the JPSTH
        for name in ('psth', 'jpsth', 'cch'):
            if name not in cfg['parts']:
                continue
            fn = parts[name]
            for _ in range(2):
                fn()  # warm-up
            times, cpu, res = timed_repeats(fn, reps)
            flat = np.concatenate([np.ravel(a) for a in res]) if isinstance(res, tuple) else np.ravel(res)
            flat.astype(np.float64).tofile(os.path.join(dr, f'{name}_numpy.f64'))
            out[name] = {'times': times, 'cpu': cpu}
    if set(cfg['parts']) & {'sta', 'stc'}:
        X, w = load(dr, 'X.f64').reshape(-1, cfg['dim']), load(dr, 'w.f64')

        def sta():
            return w @ X / w.sum()

        def stc():
            return np.linalg.eigh(np.cov(X.T, aweights=w, bias=True) - np.cov(X.T, bias=True))[0][::-1]

        for name, fn in (('sta', sta), ('stc', stc)):
            if name not in cfg['parts']:
                continue
            for _ in range(2):
                fn()
            times, cpu, res = timed_repeats(fn, reps)
            np.ravel(res).astype(np.float64).tofile(os.path.join(dr, f'{name}_numpy.f64'))
            out[name] = {'times': times, 'cpu': cpu}
    print(json.dumps(out))


if __name__ == '__main__':
    main()
