/** The engine's public face: operations as data, plans, a task at an instant, the actions OCP allows, logs. Pure. */
export { checkAction } from './actions.js';
export { agentStatusAfter } from './hostAgent.js';
export { type LogHosts, subtaskLog } from './logs.js';
export {
  defineOperation,
  type LogLine,
  type NodeRun,
  type NodeTemplate,
  nodeNamesOf,
  type OperationDecl,
  type SlotLayout,
  type StageScope,
  type SubjectFacts,
  type TaskContext,
} from './operation.js';
export { type NodeKind, nodeCount, type PlanNode, type PlanZones, planOperation, type TaskPlan } from './plan.js';
export { taskAt } from './simulate.js';
export type { Creator, NodeBehaviour, RunOutcome, RunSpec, TaskAction, TaskRecord, TaskSubject } from './task.js';
export { type RunRecord, type SubtaskView, subtaskById, type TaskView, templateOf, timeoutOf } from './view.js';
