/** OCP's agent module (ocp-docs/agent): each host's OCP agent, its processes, and the operations that stop and restart it. */
export type { Agents } from './agents.js';
export { AGENT_CALLS } from './calls.js';
export { AgentModule } from './module.js';
export { AGENT_NODE_TEMPLATES, AGENT_OPERATIONS, type AgentOperationId, DOCUMENTED_EXAMPLE, type RoutedOperation } from './operations.js';
export type { AgentProcessView } from './processChanges.js';
export { renderAgentProcess } from './render.js';
export { BatchStopAgentsRequest, parseHostIds, plainHostIds } from './requests.js';
export { loadOperationDirs, OperationLoadError, parseOperation } from './userOperations.js';
