// Worker tasks of the ntk page.
export const ntkTasks = {};
