// What a page is: a title for the navigation, and a mount function that builds the page inside
// `el` from the URL params and returns a cleanup (called when the route changes).
import type { Computer } from './compute.js';

export interface PageContext {
  /** the route's params (the page state) */
  readonly params: URLSearchParams;
  /** write the page state into the URL (no new history entry) */
  save(params: Record<string, string | number | boolean>): void;
  /** the page's worker: a newer request cancels the older one */
  readonly computer: Computer;
  /** whether thread pools may be used (cross-origin isolated page) */
  readonly isolated: boolean;
}

export interface Page {
  /** route path ('' for the landing page) */
  readonly path: string;
  /** navigation label */
  readonly title: string;
  mount(el: HTMLElement, ctx: PageContext): (() => void) | void;
}

/** Page helpers: a heading and intro, a two-column layout (controls | results). */
export function pageLayout(el: HTMLElement, title: string, intro: string): { controls: HTMLElement; results: HTMLElement } {
  el.innerHTML = `<h1>${title}</h1><p>${intro}</p><div class="layout"><section class="controls" aria-label="Controls"></section><section class="results" aria-label="Results"></section></div>`;
  return { controls: el.querySelector('.controls') as HTMLElement, results: el.querySelector('.results') as HTMLElement };
}

/** A charts grid inside `parent`. */
export function chartsGrid(parent: HTMLElement): HTMLElement {
  const grid = document.createElement('div');
  grid.className = 'charts';
  parent.append(grid);
  return grid;
}

/** Run `fn` at most once per animation frame with the latest arguments. */
export function perFrame<A extends unknown[]>(fn: (...a: A) => void): (...a: A) => void {
  let queued: A | null = null;
  return (...a: A) => {
    const first = queued === null;
    queued = a;
    if (first) requestAnimationFrame(() => { const q = queued as A; queued = null; fn(...q); });
  };
}

/** Swallow a superseded request (a newer one replaced it); report anything else via `show`. */
export function handleError(show: (text: string, kind?: 'bad') => void): (e: unknown) => void {
  return (e) => {
    if (e instanceof Error && e.name === 'Superseded') return;
    show(e instanceof Error ? e.message : String(e), 'bad');
  };
}
