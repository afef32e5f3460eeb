// Worker tasks of the exam page.
export const examTasks = {};
