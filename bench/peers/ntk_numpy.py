"""numpy peer for case 4: the empirical neural tangent kernel of Gatsby 2021 Q4,
Eqs. (9b), (13), (16), (36), for  f(x) = w3 . tanh(W2 tanh(W1 x))  (no biases, linear readout):

    C^l_{mu nu} = x~^l_mu . x~^l_nu / N_l,   x~^l_mu = df(w, x_mu)/dw^l,   C = sum_l gamma^l C^l,
with N_l the fan-in of layer l and gamma^l = 1/3 (equal layer rates): the normalisation of
@neurobridge/learn's `empiricalNtk`.

Two ways, both from the weights and inputs (forward and backward passes included in the time):
- 'explicit': materialise every per-example gradient x~^l_mu (p x N_{l} N_{l-1} per layer) and
  contract them, C^l = J_l J_l^T / N_l (BLAS);
- 'factorised': Eq. (16), x~^l_mu = (df/dh^l_mu)(x^{l-1}_mu)^T, so
  x~^l_mu . x~^l_nu = (df/dh^l_mu . df/dh^l_nu)(x^{l-1}_mu . x^{l-1}_nu): two p x p Gram matrices.

Usage: ntk_numpy.py '<json config>' -> one JSON object on stdout.
Config: dir (X.f64 p x d, W1.f64 n x d, W2.f64 n x n, w3.f64 n, row-major), p, d, n, mode
('explicit' | 'factorised'), repeats. The kernel (3 per-layer p x p blocks, then the total) is
written to dir/K_<mode>.f64.
"""
import json
import os
import sys

from peer_timing import blas_corename, timed_repeats

import numpy as np


def passes(X, W1, W2, w3):
    """Forward (Eqs. 14-15) and the backprop of df/dh (Eq. 18, per example)."""
    X1 = np.tanh(X @ W1.T)
    X2 = np.tanh(X1 @ W2.T)
    G2 = w3[None, :] * (1.0 - X2 * X2)          # df/dh^2 (Eq. 45)
    G1 = (G2 @ W2) * (1.0 - X1 * X1)            # df/dh^1 (Eq. 18)
    return X1, X2, G1, G2


def explicit(X, W1, W2, w3):
    p, d = X.shape
    n = W1.shape[0]
    X1, X2, G1, G2 = passes(X, W1, W2, w3)
    J1 = (G1[:, :, None] * X[:, None, :]).reshape(p, -1)     # p x (n d)
    J2 = (G2[:, :, None] * X1[:, None, :]).reshape(p, -1)    # p x (n n)
    J3 = X2                                                  # readout: df/dw3 = x^2
    K = [J1 @ J1.T / d, J2 @ J2.T / n, J3 @ J3.T / n]
    return K


def factorised(X, W1, W2, w3):
    d = X.shape[1]
    n = W1.shape[0]
    X1, X2, G1, G2 = passes(X, W1, W2, w3)
    K = [(G1 @ G1.T) * (X @ X.T) / d, (G2 @ G2.T) * (X1 @ X1.T) / n, (X2 @ X2.T) / n]
    return K


def main():
    cfg = json.loads(sys.argv[1])
    p, d, n, dr = cfg['p'], cfg['d'], cfg['n'], cfg['dir']
    load = lambda name: np.fromfile(os.path.join(dr, name))
    X = load('X.f64').reshape(p, d)
    W1 = load('W1.f64').reshape(n, d)
    W2 = load('W2.f64').reshape(n, n)
    w3 = load('w3.f64')
    fn = explicit if cfg['mode'] == 'explicit' else factorised
    fn(X, W1, W2, w3)  # warm-up (BLAS threads, page faults)
    times, cpu, K = timed_repeats(lambda: fn(X, W1, W2, w3), cfg['repeats'])
    total = sum(K) / 3.0
    np.concatenate([k.ravel() for k in K] + [total.ravel()]).tofile(os.path.join(dr, f"K_{cfg['mode']}.f64"))
    print(json.dumps({'ok': True, 'times': times, 'cpu': cpu, 'numpy': np.__version__, 'blas': blas_corename()}))


if __name__ == '__main__':
    main()
