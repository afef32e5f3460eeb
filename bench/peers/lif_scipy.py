"""scipy peer for cases 1 and 2: one adapting LIF neuron integrated with solve_ivp,
spike threshold as a terminal event, restart after each spike.

Model (Gatsby 2021 exam, Q1, Eqs. (2)-(3), u = V - E_L in mV, t in ms):
    tau du/dt = -u + V0 - g (u + Delta),   u reaches theta -> spike at t_k, u -> 0
    dg/dt     = -g / tauK,                 g -> g + dg at t_k + td
The state (u, g) is integrated together (g is NOT replaced by its closed form, so this
reference is independent of any event-driven shortcut). Delayed jumps (td > 0) are a
queue of pending times: the integration stops at the next pending jump, applies it and
restarts. A jump that is due exactly at a spike (td = 0) is applied with the reset.

Usage: lif_scipy.py '<json config>' -> one JSON object on stdout.
Config keys: v0 (list of V0 values, one neuron each), tau, theta, delta, dg, tauK, td,
T, rtol, atol, method ('DOP853' | 'RK45' | 'Radau' ...), repeats.
The wall time is per call of `simulate` over all neurons; `repeats` timed calls.
"""
import json
import math
import sys

from peer_timing import timed_repeats
from collections import deque


def simulate(v0, p):
    from scipy.integrate import solve_ivp
    tau, theta, delta, dg = p['tau'], p['theta'], p['delta'], p['dg']
    tauK, td, T = p['tauK'], p['td'], p['T']
    inv_tauK = 0.0 if tauK == math.inf else 1.0 / tauK

    def rhs(t, y):
        u, g = y
        return [(-u + v0 - g * (u + delta)) / tau, -g * inv_tauK]

    def threshold(t, y):
        return y[0] - theta
    threshold.terminal = True
    threshold.direction = 1

    t, y = 0.0, [0.0, 0.0]
    spikes, pending = [], deque()
    nfev = 0
    while t < T:
        t_stop = min(T, pending[0]) if pending else T
        if t_stop > t:
            sol = solve_ivp(rhs, (t, t_stop), y, method=p['method'], rtol=p['rtol'],
                            atol=p['atol'], events=threshold)
            nfev += sol.nfev
            if sol.status < 0:
                raise RuntimeError(sol.message)
        else:
            sol = None
        if sol is not None and sol.status == 1:
            ts = float(sol.t_events[0][0])
            g = float(sol.y_events[0][0][1])
            spikes.append(ts)
            if td > 0:
                pending.append(ts + td)
                y = [0.0, g]
            else:
                y = [0.0, g + dg]
            t = ts
            continue
        if sol is not None:
            y = [float(sol.y[0, -1]), float(sol.y[1, -1])]
        t = t_stop
        while pending and pending[0] <= t:
            pending.popleft()
            y[1] += dg
    return spikes, nfev


def main():
    cfg = json.loads(sys.argv[1])
    import scipy
    import numpy
    times, cpu, out = timed_repeats(lambda: [simulate(v, cfg) for v in cfg['v0']], cfg.get('repeats', 1))
    print(json.dumps({
        'ok': True, 'times': times, 'cpu': cpu, 'spikes': [r[0] for r in out], 'nfev': [r[1] for r in out],
        'scipy': scipy.__version__, 'numpy': numpy.__version__, 'method': cfg['method'],
    }))


if __name__ == '__main__':
    main()
