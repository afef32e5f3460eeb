"""numpy peer for case 3: the low-rank rate network of the Gatsby 2021 exam, Q2, Eq. (1)-(2),
    dx_i/dt = tanh( sum_mu eta_{mu,i} m_mu ) - x_i,    m_mu = (1/n) sum_j xi_{mu,j} x_j,
integrated with classical RK4 (fixed step dt, `steps` steps). J = eta^T xi / n is never
formed: each right-hand side costs two (p x n) products and one tanh over n.

The right-hand side uses preallocated buffers and `out=` so numpy is not penalised by
temporaries; the matrix products go to the BLAS numpy is linked against.

Usage: lowrank_numpy.py '<json config>' -> one JSON object on stdout.
Config: dir (folder with eta.f64, xi.f64 (n x p row-major, the layout of @neurobridge/lowrank)
and x0.f64, written by the harness),
n, p, dt, steps, repeats. Output: wall time per repeat, m at the end, x_end summary and
x_end written to dir/x_end_numpy.f64 for the agreement check. With tanh_probe, also the
share of the CPU time that 4*steps np.tanh calls on an n-vector take alone.
"""
import json
import os
import sys
import time

from peer_timing import timed_repeats

import numpy as np


def simulate(eta, xi, x0, dt, steps):
    n = x0.shape[0]
    x = x0.copy()
    k1, k2, k3, k4, tmp = (np.empty(n) for _ in range(5))

    def rhs(y, out):
        m = xi @ y
        m /= n
        np.dot(m, eta, out=out)       # h_i = sum_mu m_mu eta_{mu,i}
        np.tanh(out, out=out)
        out -= y

    h2 = dt / 2
    for _ in range(steps):
        rhs(x, k1)
        np.multiply(k1, h2, out=tmp); tmp += x; rhs(tmp, k2)
        np.multiply(k2, h2, out=tmp); tmp += x; rhs(tmp, k3)
        np.multiply(k3, dt, out=tmp); tmp += x; rhs(tmp, k4)
        k2 += k3; k2 *= 2; k1 += k4; k1 += k2; k1 *= dt / 6
        x += k1
    return x


def main():
    cfg = json.loads(sys.argv[1])
    n, p, d = cfg['n'], cfg['p'], cfg['dir']
    # p x n, C-contiguous: each pattern is one contiguous row for the BLAS products
    eta = np.ascontiguousarray(np.fromfile(os.path.join(d, 'eta.f64')).reshape(n, p).T)
    xi = np.ascontiguousarray(np.fromfile(os.path.join(d, 'xi.f64')).reshape(n, p).T)
    x0 = np.fromfile(os.path.join(d, 'x0.f64'))
    times, cpu, x = timed_repeats(lambda: simulate(eta, xi, x0, cfg['dt'], cfg['steps']), cfg['repeats'])
    x.tofile(os.path.join(d, 'x_end_numpy.f64'))
    tanh_share = None
    if cfg.get('tanh_probe'):
        # the same number of np.tanh calls (4 per step) on an n-vector, alone: numpy's floor
        buf, c0 = x.copy(), time.process_time()
        for _ in range(4 * cfg['steps']):
            np.tanh(buf, out=buf)
        tanh_share = (time.process_time() - c0) / min(cpu)
    m = (xi @ x / n).tolist()
    print(json.dumps({'ok': True, 'times': times, 'cpu': cpu, 'm': m, 'tanh_share': tanh_share,
                      'numpy': np.__version__}))


if __name__ == '__main__':
    main()
