// Worker tasks of the coding page.
export const codingTasks = {};
