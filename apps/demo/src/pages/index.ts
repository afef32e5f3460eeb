import type { Page } from '../page.js';
import { landing } from './landing.js';
import { neuron } from './neuron.js';

/** Every page, in navigation order (the landing page first). */
export const pages: Page[] = [landing, neuron];
