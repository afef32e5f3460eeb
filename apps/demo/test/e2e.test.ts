// End to end in a real browser: builds the app with Vite, serves it with the COOP/COEP headers,
// drives Debian's Chromium through playwright-core, and for every route: opens it, changes a
// control, checks that the chart's data changed and that the URL state round-trips through a
// reload, that nothing was logged as an error, and saves a screenshot (apps/demo/screenshots).
// It also measures slider-to-redraw time on the neuron page (printed as a benchmark figure, not
// asserted). Needs `apt-get install -y chromium` (.ci/run installs it when missing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROUTES } from './routes.js';

const app = join(import.meta.dirname, '..');
const shots = join(app, 'screenshots');
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
let browser: Browser;
let url: string;
let close: () => void;

type Charts = Record<string, { n: number; sum: number; updates: number }>;

async function open(page: Page, path: string, query = ''): Promise<void> {
  await page.goto(`${url}#/${path}${query}`);
  await page.waitForFunction(() => window.__demo?.ready === true && Object.keys(window.__demo.charts).length > 0, undefined, { timeout: 60_000 });
}

beforeAll(async () => {
  if (!CHROMIUM) throw new Error('Chromium is missing: apt-get update && apt-get install -y chromium');
  await build({ configFile: join(app, 'vite.config.mjs') });
  const { serve } = await import('../serve.mjs');
  ({ url, close } = await serve(0));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  mkdirSync(shots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  close?.();
});

describe('the demo in headless Chromium', () => {
  for (const r of ROUTES) {
    it(`#/${r.path}: a control changes the chart, the URL restores it, no console errors`, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const errors: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(String(e)));
      await open(page, r.path);
      const before = await page.evaluate((id) => (window.__demo.charts as Charts)[id], r.chart);
      expect(before, `chart ${r.chart} drawn`).toBeTruthy();
      await page.fill(`input[data-key="${r.key}"], select[data-key="${r.key}"], textarea[data-key="${r.key}"]`, r.value);
      await page.waitForFunction(([id, n]) => (window.__demo.charts as Charts)[id as string].updates > (n as number), [r.chart, before.updates] as const, { timeout: 60_000 });
      const after = await page.evaluate((id) => (window.__demo.charts as Charts)[id], r.chart);
      expect(after.sum !== before.sum || after.n !== before.n, 'the data changed').toBe(true);
      // the page writes its state into the URL (debounced): wait for it, then reload
      await page.waitForFunction((q) => location.hash.includes(q), `${r.key}=${encodeURIComponent(r.value)}`, { timeout: 10_000 });
      await page.reload();
      await page.waitForFunction(() => window.__demo?.ready === true && Object.keys(window.__demo.charts).length > 0);
      const restored = await page.inputValue(`[data-key="${r.key}"]`);
      expect(restored).toBe(r.value);
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(shots, `${r.path || 'home'}.png`), fullPage: false });
      expect(errors, errors.join('\n')).toEqual([]);
      await page.close();
    });
  }

  it('cross-origin isolated (COOP/COEP): the low-rank network runs on lowrank\'s 2-thread pool', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await open(page, 'lowrank');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await page.waitForFunction(() => /\d+ threads?\)/.test(document.querySelector('[data-readout="err"]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    expect(await page.textContent('[data-readout="err"]')).toContain('2 threads');
    await page.close();
  });

  it('invalid input shows a message beside the field and nothing breaks', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await open(page, 'neuron');
    await page.fill('input[data-key="tauK"]', '-5');
    const message = await page.locator('input[data-key="tauK"]').locator('xpath=ancestor::div[contains(@class,"control")]').locator('.error').textContent();
    expect(message).toContain('must be > 0');
    expect(await page.getAttribute('input[data-key="tauK"]', 'aria-invalid')).toBe('true');
    await page.fill('input[data-key="tauK"]', '300');
    expect(await page.getAttribute('input[data-key="tauK"]', 'aria-invalid')).toBe('false');
    expect(errors, errors.join('\n')).toEqual([]);
    await page.close();
  });

  it('works at 390 × 844: no page overflows sideways', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    for (const r of ROUTES) {
      await open(page, r.path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `#/${r.path} overflows by ${overflow} px`).toBeLessThanOrEqual(1);
    }
    await open(page, 'neuron');
    await page.screenshot({ path: join(shots, 'neuron-mobile.png') });
    await page.close();
  });

  it('neuron page: slider-to-redraw time for 2 s of model time (benchmark figure, not asserted)', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await open(page, 'neuron');
    const times = await page.evaluate(async () => {
      const slider = document.querySelector('input[type=range][aria-label^="Drive V0"]') as HTMLInputElement;
      const out: number[] = [];
      for (let i = 0; i < 30; i++) {
        const n = window.__demo.charts['neuron-u'].updates;
        const t0 = performance.now();
        slider.value = String(20 + i);
        slider.dispatchEvent(new Event('input'));
        while (window.__demo.charts['neuron-u'].updates === n) await new Promise((r) => requestAnimationFrame(r));
        out.push(performance.now() - t0);
      }
      return out.sort((a, b) => a - b);
    });
    console.log(`neuron slider → redraw: median ${times[15].toFixed(1)} ms, max ${times[29].toFixed(1)} ms over 30 moves (one frame is 16.7 ms)`);
    expect(times.length).toBe(30);
    await page.close();
  });
});
