import type { Page } from '../page.js';
import { backpropPage } from './backprop.js';
import { codingPage } from './coding.js';
import { examPage } from './exam.js';
import { landing } from './landing.js';
import { lowrankPage } from './lowrank.js';
import { neuron } from './neuron.js';
import { ntkPage } from './ntk.js';

/** Every page, in navigation order (the landing page first). */
export const pages: Page[] = [landing, neuron, lowrankPage, backpropPage, ntkPage, codingPage, examPage];
