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
];
