// Every task the worker can run, by name. Each page's tasks live in their own file.
import { backpropTasks } from './backprop.js';
import { codingTasks } from './coding.js';
import { examTasks } from './exam.js';
import { lowrankTasks } from './lowrank.js';
import { neuronTasks } from './neuron.js';
import { ntkTasks } from './ntk.js';

export const tasks = { ...neuronTasks, ...lowrankTasks, ...backpropTasks, ...ntkTasks, ...codingTasks, ...examTasks };
export type TaskName = keyof typeof tasks;
