// The demo app: hash routes (#/, #/neuron, …), the page state in the URL, a colour-scheme switch.
import './style.css';
import { createComputer } from './compute.js';
import { currentRoute, writeParams } from './state.js';
import { pages } from './pages/index.js';

const nav = document.getElementById('nav') as HTMLElement;
const main = document.getElementById('page') as HTMLElement;
nav.innerHTML = pages.filter((p) => p.path).map((p) => `<a href="#/${p.path}" data-path="${p.path}">${p.title}</a>`).join('');

let cleanup: (() => void) | void;
let computer = createComputer();

function route(): void {
  const { path, params } = currentRoute();
  const page = pages.find((p) => p.path === path) ?? pages[0];
  for (const a of Array.from(nav.querySelectorAll('a'))) {
    if (a.dataset.path === page.path) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  cleanup?.();
  computer.close();
  computer = createComputer();
  main.innerHTML = '';
  main.dataset.path = page.path;
  document.title = `NeuroBridge — ${page.title}`;
  window.__demo.ready = false;
  cleanup = page.mount(main, {
    params, computer, isolated: globalThis.crossOriginIsolated === true,
    save: saveSoon(page.path), // replaceState (no hashchange, no remount), at most every 150 ms
  });
  window.__demo.ready = true;
}

/** Write the page state at most every 150 ms (browsers throttle rapid history.replaceState calls). */
function saveSoon(path: string): (p: Record<string, string | number | boolean>) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest: Record<string, string | number | boolean> = {};
  return (p) => {
    latest = { ...p };
    if (timer === undefined) timer = setTimeout(() => { timer = undefined; if (currentRoute().path === path) writeParams(path, latest); }, 150);
  };
}

const theme = document.getElementById('theme') as HTMLButtonElement;
const applyTheme = (t: string | null) => { if (t) document.documentElement.dataset.theme = t; else delete document.documentElement.dataset.theme; };
applyTheme(localStorage.getItem('theme'));
theme.addEventListener('click', () => {
  const dark = document.documentElement.dataset.theme === 'dark' || (!document.documentElement.dataset.theme && matchMedia('(prefers-color-scheme: dark)').matches);
  const next = dark ? 'light' : 'dark';
  localStorage.setItem('theme', next);
  applyTheme(next);
  route(); // charts read their colours when built
});
window.addEventListener('hashchange', route);
route();
