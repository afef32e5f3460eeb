// The demo's worker: runs a named task (src/tasks) and posts its progress and result.
import { tasks, type TaskName } from './tasks/index.js';

self.onmessage = async (e: MessageEvent) => {
  const { id, task, args } = e.data as { id: number; task: TaskName; args: unknown };
  try {
    const fn = tasks[task] as (args: unknown, progress: (f: number) => void) => unknown;
    if (!fn) throw new Error(`unknown task ${String(task)}`);
    const result = await fn(args, (f) => (self as unknown as Worker).postMessage({ id, progress: f }));
    (self as unknown as Worker).postMessage({ id, result });
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  }
};
