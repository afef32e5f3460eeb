// Worker tasks of the backprop page.
export const backpropTasks = {};
