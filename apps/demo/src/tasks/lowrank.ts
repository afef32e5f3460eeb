// Worker tasks of the lowrank page.
export const lowrankTasks = {};
