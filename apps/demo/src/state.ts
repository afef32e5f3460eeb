// The page state lives in the URL hash: #/route?key=value&… — reloading or sharing the link
// restores the view. Values are read back through the pages' own validation.

export interface Route {
  readonly path: string;
  readonly params: URLSearchParams;
}

/** The current route from location.hash ('#/neuron?V0=30' → { path: 'neuron', params }). */
export function currentRoute(): Route {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = hash.split('?');
  return { path: path || '', params: new URLSearchParams(query) };
}

/** Write the params of the current route into the URL without a new history entry. */
export function writeParams(path: string, params: Record<string, string | number | boolean>): void {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) q.set(k, String(v));
  const hash = `#/${path}${q.toString() ? `?${q}` : ''}`;
  if (location.hash !== hash) history.replaceState(null, '', hash);
}

/** A number param, or the default when absent or not a finite number. */
export function numberParam(params: URLSearchParams, key: string, fallback: number): number {
  const raw = params.get(key);
  if (raw === null || raw.trim() === '') return fallback;
  const v = Number(raw);
  return Number.isFinite(v) ? v : fallback;
}

/** A string param restricted to `allowed`, or the default. */
export function choiceParam<T extends string>(params: URLSearchParams, key: string, allowed: readonly T[], fallback: T): T {
  const raw = params.get(key);
  return raw !== null && (allowed as readonly string[]).includes(raw) ? (raw as T) : fallback;
}
