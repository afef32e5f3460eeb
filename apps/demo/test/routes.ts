// The routes the end-to-end test visits: for each, a control to change (the input, select or
// textarea with that data-key), a new value, and the chart (registered id) whose data must change.
export interface RouteCheck {
  readonly path: string;
  readonly key: string;
  readonly value: string;
  readonly chart: string;
}

export const ROUTES: RouteCheck[] = [
  { path: '', key: 'V0', value: '42', chart: 'landing-u' },
  { path: 'neuron', key: 'V0', value: '37.5', chart: 'neuron-u' },
  { path: 'lowrank', key: 'c11', value: '1.6', chart: 'lowrank-phase' },
  { path: 'backprop', key: 'eta', value: '0.3', chart: 'backprop-loss' },
  { path: 'ntk', key: 'seed', value: '3', chart: 'ntk-dw' },
  { path: 'coding', key: 'alpha', value: '0.8', chart: 'coding-jpsth' },
  { path: 'exam', key: 'only', value: 'inf264', chart: 'exam-verdicts' },
];
