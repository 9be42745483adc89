/** OCP's task module (ocp-docs/task): the task API over every module's tasks, and the task shapes every async call answers. */
export { TaskAnswers } from './answers.js';
export { TASK_CALLS } from './calls.js';
export { TaskModule } from './module.js';
export { renderBasicTask, renderSubtaskInstance, renderTaskInstance, renderWrappedTask, TaskJsonWriter, taskInstanceJson } from './render.js';
export { TaskIdParam, TaskSubtaskParams } from './requests.js';
