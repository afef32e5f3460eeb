"""numpy peer for case 5: one forward and backward pass of a 784-256-256-10 network,
tanh hidden layers, linear output, biases, loss L = 1/2 sum (y - target)^2 over a batch of 128.

    h1 = x W1^T + b1, x1 = tanh h1, h2 = x1 W2^T + b2, x2 = tanh h2, y = x2 W3^T + b3
    d3 = y - target, d2 = (d3 W3) * (1 - x2^2), d1 = (d2 W2) * (1 - x1^2)
    dL/dWl = dl^T x_{l-1}, dL/dbl = sum over the batch of dl

Usage: backprop_numpy.py '<json config>' -> one JSON object on stdout.
Config: dir (X.f64 128 x 784, T.f64 128 x 10, W1, b1, W2, b2, W3, b3 row-major, as
@neurobridge/learn stores them), sizes, batch, repeats. The gradients of the last run are
written to dir/grads_numpy.f64 (gW1, gb1, gW2, gb2, gW3, gb3 concatenated).
"""
import json
import os
import sys

from peer_timing import blas_corename, timed_repeats

import numpy as np


def step(X, T, W, b):
    x1 = np.tanh(X @ W[0].T + b[0])
    x2 = np.tanh(x1 @ W[1].T + b[1])
    y = x2 @ W[2].T + b[2]
    d3 = y - T
    d2 = (d3 @ W[2]) * (1.0 - x2 * x2)
    d1 = (d2 @ W[1]) * (1.0 - x1 * x1)
    return [d1.T @ X, d1.sum(0), d2.T @ x1, d2.sum(0), d3.T @ x2, d3.sum(0)]


def main():
    cfg = json.loads(sys.argv[1])
    s, B, dr = cfg['sizes'], cfg['batch'], cfg['dir']
    load = lambda name: np.fromfile(os.path.join(dr, name))
    X = load('X.f64').reshape(B, s[0])
    T = load('T.f64').reshape(B, s[3])
    W = [load(f'W{l + 1}.f64').reshape(s[l + 1], s[l]) for l in range(3)]
    b = [load(f'b{l + 1}.f64') for l in range(3)]
    for _ in range(3):
        step(X, T, W, b)  # warm-up
    times, cpu, g = timed_repeats(lambda: step(X, T, W, b), cfg['repeats'])
    np.concatenate([a.ravel() for a in g]).tofile(os.path.join(dr, 'grads_numpy.f64'))
    print(json.dumps({'ok': True, 'times': times, 'cpu': cpu, 'numpy': np.__version__, 'blas': blas_corename()}))


if __name__ == '__main__':
    main()
