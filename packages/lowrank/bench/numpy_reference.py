"""Reference: the same RK4 step of the low-rank network (Gatsby 2021 Q2 Eq. 1, p = 2, phi = tanh)
written in plain numpy, J never formed (J x = eta (xi^T x)/n). For comparison with
network.bench.mjs; run on the same machine in the same session.

Usage: python3 numpy_reference.py [n=1e6] [steps=20]
"""
import sys
import time

import numpy as np

n = int(float(sys.argv[1])) if len(sys.argv) > 1 else 10**6
steps = int(sys.argv[2]) if len(sys.argv) > 2 else 20
rng = np.random.default_rng(1)
C = np.array([[0.9, 0.3], [-0.2, 0.7]])
eta = rng.standard_normal((n, 2))
S = np.eye(2) - C @ C.T
d, V = np.linalg.eigh(S)
L = V @ np.diag(np.sqrt(np.maximum(d, 0))) @ V.T
xi = eta @ C.T + rng.standard_normal((n, 2)) @ L.T
x = xi @ np.array([0.5, -0.3])


def F(y):
    m = xi.T @ y / n
    return np.tanh(eta @ m) - y


def step(y, h):
    k1 = F(y)
    k2 = F(y + 0.5 * h * k1)
    k3 = F(y + 0.5 * h * k2)
    k4 = F(y + h * k3)
    return y + (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4)


x = step(x, 1e-3)  # warm-up
best = float('inf')
for _ in range(3):
    t = time.perf_counter()
    for _ in range(steps):
        x = step(x, 1e-3)
    best = min(best, (time.perf_counter() - t) / steps)
a = np.linspace(-4, 4, 4 * n)
tt = time.perf_counter()
np.tanh(a)
tanh_ms = (time.perf_counter() - tt) * 1e3
print(f'numpy {np.__version__}: n = {n}: {best * 1e3:.2f} ms/step (best of 3 × {steps} steps), '
      f'{1 / best:.1f} steps/s; np.tanh on 4n values: {tanh_ms:.2f} ms')
