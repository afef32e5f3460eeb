// #/ — what the toolkit is, one live chart, links to every page.
import { simulate } from '@neurobridge/lif';
import { lineChart } from '../chart.js';
import { numberControl } from '../controls.js';
import { chartsGrid, type Page } from '../page.js';
import { numberParam } from '../state.js';

const LINKS: [string, string, string][] = [
  ['neuron', 'Adapting neuron', 'Gatsby Q1: an integrate-and-fire neuron whose potassium conductance grows with each spike — spike counts, bursts and the steady interval.'],
  ['lowrank', 'Low-rank network', 'Gatsby Q2: a rank-p network and its mean field — fixed points, stability, rotations.'],
  ['backprop', 'Backpropagation', 'Seeds 000–004: gradients by hand, step by step, and what goes wrong with constant initialisation.'],
  ['ntk', 'Tangent kernel', 'Gatsby Q4: how little the weights move in a wide network, and the kernel that describes its training.'],
  ['coding', 'Two cells (JPSTH)', 'Gatsby Q3: the joint PSTH of two cells under independent, gain-modulated and common-drive firing.'],
  ['exam', 'Exam report', 'Every claim of the five source documents, recomputed and judged, with the slips of the documents.'],
];

export const landing: Page = {
  path: '', title: 'Home',
  mount(el, ctx) {
    el.innerHTML = `<h1>NeuroBridge</h1>
      <p>A TypeScript toolkit for computational neuroscience that bridges biophysics and learning: every result is checked against its theory, and everything on these pages runs in your browser.</p>
      <div class="cards">${LINKS.map(([path, title, text]) => `<a class="card" href="#/${path}"><strong>${title}</strong><br><span class="message">${text}</span></a>`).join('')}</div>
      <h2>Live: the adapting neuron</h2>`;
    const row = document.createElement('div');
    row.className = 'layout';
    el.append(row);
    const controls = document.createElement('section');
    controls.className = 'controls';
    row.append(controls);
    const chart = lineChart(chartsGrid(row), 'landing-u', 'Membrane potential u(t)', { x: { label: 'time', unit: 'ms' }, y: { label: 'u = V − E_L', unit: 'mV' }, series: [{ label: 'u(t)' }], height: 220 });
    const draw = (V0: number) => {
      const r = simulate({ tau: 10, V0, dg: 0.05, tauK: 200, td: 0 }, { duration: 300, record: { dt: 0.25 } });
      const tr = r.trace;
      if (tr) chart.setData(tr.t, [tr.u]);
      ctx.save({ V0 });
    };
    numberControl(controls, { key: 'V0', label: 'Drive V0', unit: 'mV', min: 10, max: 60, step: 0.5, value: numberParam(ctx.params, 'V0', 30) }, draw);
    draw(numberParam(ctx.params, 'V0', 30));
    return () => chart.destroy();
  },
};
