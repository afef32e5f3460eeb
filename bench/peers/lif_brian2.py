"""Brian2 peer for case 1: a population of independent adapting LIF neurons.

Model (Gatsby 2021 exam, Q1, Eqs. (2)-(3), in u = V - E_L units of mV):
    tau du/dt = -u + V0 - g (u + Delta),   spike when u reaches theta, then u -> 0
    dg/dt     = dg * sum_k delta(t - t_k - td) - g / tauK
Each neuron is independent, with its own V0 (given by the harness).

Usage: lif_brian2.py '<json config>'   -> one JSON object on stdout.
Config keys: v0 (list, one per neuron), tau, theta, delta, dg, tauK, td, T (ms), dt (ms),
target ('numpy' | 'cython'), method (Brian2 state updater), repeats, ref (neuron indices).
Timing: one warm-up (code generation, and compilation for cython: cached on disk after the
first time), then `repeats` runs, each on a fresh network: `run(dt)` first (set-up: code
objects, cache look-up, one step; reported as `setup`), then the timed `run(T - dt)`.
Spikes: threshold `u >= theta` tested on the time grid, so a spike time is a grid time.
"""
import json
import sys
import time
import warnings

warnings.filterwarnings('ignore')


def main():
    cfg = json.loads(sys.argv[1])
    import brian2
    from brian2 import (NeuronGroup, Synapses, SpikeMonitor, Network, defaultclock,
                        prefs, ms, mV, start_scope, BrianLogger)
    import numpy as np
    BrianLogger.suppress_name('base')
    BrianLogger.log_level_error()
    prefs.codegen.target = cfg['target']
    n = len(cfg['v0'])

    def build():
        start_scope()
        defaultclock.dt = cfg['dt'] * ms
        ns = {'tau': cfg['tau'] * ms, 'theta': cfg['theta'] * mV, 'Delta': cfg['delta'] * mV,
              'dg': cfg['dg'], 'tauK': cfg['tauK'] * ms}
        eqs = '''
        du/dt = (-u + V0 - g * (u + Delta)) / tau : volt (unless refractory)
        dg/dt = -g / tauK : 1
        V0 : volt (constant)
        '''
        td = cfg['td']
        reset = 'u = 0*mV' if td > 0 else 'u = 0*mV\ng += dg'
        G = NeuronGroup(n, eqs, threshold='u >= theta', reset=reset,
                        method=cfg['method'], namespace=ns, name='lif')
        G.V0 = np.asarray(cfg['v0'], dtype=float) * mV
        G.u = 0 * mV
        G.g = 0
        objs = [G]
        if td > 0:
            S = Synapses(G, G, on_pre='g_post += dg', delay=td * ms, namespace=ns,
                         name='adapt')
            S.connect(j='i')
            objs.append(S)
        M = SpikeMonitor(G, name='spikes')
        objs.append(M)
        return Network(*objs, name='net'), M

    def one_run(T):
        net, M = build()
        t0 = time.perf_counter()
        net.run(defaultclock.dt)            # code generation / cache look-up + one step
        t1, c1 = time.perf_counter(), time.process_time()
        net.run(T * ms - defaultclock.dt)   # the simulation proper (timed)
        t2, c2 = time.perf_counter(), time.process_time()
        return t1 - t0, t2 - t1, c2 - c1, M

    warm = one_run(10 * cfg['dt'])[0]       # compiles (cython) once; cached on disk afterwards
    times, setups, cpu = [], [], []
    M = None
    for _ in range(cfg['repeats']):
        s, t, c, M = one_run(cfg['T'])
        setups.append(s)
        times.append(t)
        cpu.append(c)
    idx = np.asarray(M.i[:])
    tt = np.asarray(M.t[:] / ms)
    ref = {}
    for k in cfg['ref']:
        ref[str(k)] = tt[idx == k].tolist()
    print(json.dumps({
        'ok': True, 'warmup': warm, 'setup': setups, 'times': times, 'cpu': cpu, 'spikes': int(len(idx)),
        'ref': ref, 'brian2': brian2.__version__, 'method': cfg['method'],
        'target': cfg['target'],
    }))


if __name__ == '__main__':
    main()
