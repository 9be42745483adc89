/**
 * OCP's agent module as its calls see it: the agents (agents.ts), the hosts they run on (the host
 * module), and the calls of this simulator's agent operations: the shipped ones and the user's own
 * (`--operations-dir`, userOperations.ts), each declared the same way.
 */
import type { CallDecl } from '../../core/call.js';
import type { Tasks } from '../../core/tasks.js';
import type { World } from '../../core/world.js';
import type { Compute } from '../compute/index.js';
import { TaskJsonWriter } from '../task/index.js';
import { Agents } from './agents.js';
import { AGENT_CALLS, operationCall } from './calls.js';
import { AGENT_OPERATIONS, type RoutedOperation } from './operations.js';

export class AgentModule {
  readonly agents: Agents;
  readonly taskJson = new TaskJsonWriter();
  /** The shipped calls and one per operation of the user's own, by name. */
  calls: Readonly<Record<string, CallDecl<AgentModule>>> = {};

  constructor(
    readonly world: World,
    readonly tasks: Tasks,
    readonly compute: Compute,
    userOperations: readonly RoutedOperation[],
  ) {
    this.agents = new Agents(world, tasks, compute);
    for (const { operation } of [...Object.values(AGENT_OPERATIONS), ...userOperations]) tasks.declare(operation);
    this.describeCalls(userOperations);
  }

  /**
   * New declarations of the user's operations (`--watch`), for tasks submitted from now on. The
   * same ids and routes only (the caller checks): a route is registered once, at start.
   */
  redeclare(userOperations: readonly RoutedOperation[]): void {
    for (const { operation } of userOperations) this.tasks.redeclare(operation);
    this.describeCalls(userOperations);
  }

  private describeCalls(userOperations: readonly RoutedOperation[]): void {
    this.calls = { ...AGENT_CALLS, ...Object.fromEntries(userOperations.map((u) => [u.operation.id, operationCall(u)])) };
  }
}
