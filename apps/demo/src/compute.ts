// Heavy work runs in a module Web Worker (src/worker.ts). A newer request from the same computer
// cancels an older one (the busy worker is terminated and a fresh one started), so a dragged
// slider never queues stale sweeps; a progress indicator shows while any request runs.
import type { TaskName } from './tasks/index.js';

let pending = 0;
function busy(delta: number, text = 'computing…'): void {
  pending += delta;
  const el = document.getElementById('busy');
  if (!el) return;
  el.hidden = pending === 0;
  if (pending > 0) el.textContent = text;
}

export class Superseded extends Error {
  constructor() { super('superseded by a newer request'); this.name = 'Superseded'; }
}

export interface Computer {
  run<T>(task: TaskName, args: unknown, onProgress?: (fraction: number) => void): Promise<T>;
  close(): void;
}

/** A worker-backed computer; `close()` (on page unmount) ends its worker. */
export function createComputer(): Computer {
  let worker: Worker | null = null;
  let active: { id: number; reject: (e: Error) => void } | null = null;
  let nextId = 0;
  const spawn = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  const stop = () => {
    if (active) { active.reject(new Superseded()); active = null; busy(-1); }
    worker?.terminate();
    worker = null;
  };
  return {
    run<T>(task: TaskName, args: unknown, onProgress?: (f: number) => void): Promise<T> {
      if (active) stop();
      worker ??= spawn();
      const w = worker, id = ++nextId;
      busy(+1);
      return new Promise<T>((resolve, reject) => {
        active = { id, reject };
        w.onmessage = (e: MessageEvent) => {
          const m = e.data as { id: number; progress?: number; result?: T; error?: string };
          if (m.id !== id) return;
          if (m.progress !== undefined) { onProgress?.(m.progress); busy(0, `computing… ${Math.round(100 * m.progress)}%`); return; }
          active = null;
          busy(-1);
          if (m.error !== undefined) reject(new Error(m.error)); else resolve(m.result as T);
        };
        w.onerror = (e) => { if (active?.id === id) { active = null; busy(-1); reject(new Error(e.message)); } };
        w.postMessage({ id, task, args });
      });
    },
    close: stop,
  };
}
