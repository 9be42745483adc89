/**
 * One simulated OCP: the world (src/core/world.ts) with every module on it, put together in the
 * order they build on each other (tasks, then hosts, then OB clusters on the hosts, then agents;
 * the task API beside them). The
 * HTTP layer registers `calls` (each with the module instance its handler is given) and asks the
 * modules; the programmatic API and tests use the few shortcuts below.
 *
 * Two simulators in one process share nothing: every cache belongs to its module instance, and a
 * reset clears them.
 */
import { formatOcpTime } from '../contract/time.js';
import type { CallDecl } from '../core/call.js';
import type { Clock } from '../core/clock.js';
import { attachStateFile } from '../core/persistence.js';
import type { StateSettings } from '../core/stateFile.js';
import { type ActionRequest, Tasks } from '../core/tasks.js';
import { World } from '../core/world.js';
import type { Creator, TaskRecord, TaskView } from '../engine/index.js';
import { AgentModule, DOCUMENTED_EXAMPLE, type RoutedOperation } from '../modules/agent/index.js';
import {
  COMPUTE_CALLS,
  Compute,
  generateServerAddress,
  type HostRecord,
  renderHost,
  renderHostType,
  renderIdc,
  renderRegion,
} from '../modules/compute/index.js';
import { SHIPPED_OPERATIONS } from '../modules/index.js';
import { OB_CLUSTER_CALLS, ObClusterModule } from '../modules/obCluster/index.js';
import { OB_TENANT_CALLS, ObTenantModule, TENANT_DATABASE_CALLS, TENANT_PARAMETER_CALLS } from '../modules/obTenant/index.js';
import { SOFTWARE_PACKAGE_CALLS, SoftwarePackages } from '../modules/softwarePackage/index.js';
import { SYSTEM_CALLS } from '../modules/system/index.js';
import { TASK_CALLS, TaskModule } from '../modules/task/index.js';
import type { ScenarioRegistry } from '../scenarios/registry.js';
import type { TemplateWorld } from '../stubs/template.js';
import { SALT, Stream } from '../util/random.js';

export type { ActionRequest };
export { DOCUMENTED_EXAMPLE };

export interface SimulatorOptions {
  seed: number;
  hostCount: number;
  /** OB clusters seeded (`--clusters`, default 3: the documented ones). */
  clusterCount?: number;
  /** The server's UTC offset in minutes (`--tz`). */
  offsetMinutes: number;
  clock: Clock;
  scenarios: ScenarioRegistry;
  defaultScenario: string;
  /** Printed as `executor` and `server`; default: an inner IP drawn from the seed. */
  serverAddress?: string;
  /** Tasks kept; beyond it the oldest finished ones are dropped (default 100000). */
  maxTasks?: number;
  /** Operations of the user's own (`--operations-dir`), beside the shipped ones. */
  operations?: readonly RoutedOperation[];
}

/** A call, its name (the OpenAPI operation id) and the module instance its handler is given. */
export interface BoundCall {
  name: string;
  decl: CallDecl;
  module: unknown;
}

export class Simulator {
  readonly world: World;
  readonly tasks: Tasks;
  readonly compute: Compute;
  readonly obCluster: ObClusterModule;
  readonly obTenant: ObTenantModule;
  readonly softwarePackages: SoftwarePackages;
  readonly agent: AgentModule;
  readonly task: TaskModule;
  /** Every call this simulator answers, module by module (the user's operations among the agent module's). */
  calls: readonly BoundCall[] = [];
  /** Moves when `calls` is described anew (a reloaded operation's summary; the OpenAPI document follows). */
  callsVersion = 0;
  private userOps: readonly RoutedOperation[];

  constructor(options: SimulatorOptions) {
    const serverAddress = options.serverAddress ?? (options.seed === DOCUMENTED_EXAMPLE.seed ? DOCUMENTED_EXAMPLE.server : generateServerAddress(options.seed));
    this.world = new World({
      seed: options.seed,
      offsetMinutes: options.offsetMinutes,
      clock: options.clock,
      scenarios: options.scenarios,
      defaultScenario: options.defaultScenario,
      serverAddress,
    });
    this.tasks = new Tasks(this.world, {
      maxTasks: options.maxTasks ?? 100_000,
      // State files from before operations were named hold batch stops.
      unnamedOperation: SHIPPED_OPERATIONS.batchStopAgents.id,
      // Ids increase from a realistic base. The default seed starts where OCP's documented example
      // does (task 31173, subtasks 32854-32858), so a request copied from the docs gets the docs' ids.
      firstIds: (seed) => {
        if (seed === DOCUMENTED_EXAMPLE.seed) return { taskId: DOCUMENTED_EXAMPLE.taskId, subtaskId: DOCUMENTED_EXAMPLE.firstSubtaskId };
        const ids = new Stream(seed, SALT.idBases);
        const taskId = 31000 + ids.int(0, 999);
        return { taskId, subtaskId: taskId + 1500 + ids.int(0, 499) };
      },
    });
    this.compute = new Compute(this.world, this.tasks, options.hostCount);
    // After the hosts (its seeded servers are laid out on them at every reset), before the agents.
    // The packages before the clusters, which name them (and tell them which are in use).
    this.softwarePackages = new SoftwarePackages(this.world);
    this.obCluster = new ObClusterModule(this.world, this.compute, this.tasks, this.softwarePackages, options.clusterCount);
    this.obTenant = new ObTenantModule(this.world, this.obCluster.clusters, this.tasks);
    this.userOps = options.operations ?? [];
    this.agent = new AgentModule(this.world, this.tasks, this.compute, this.userOps);
    this.task = new TaskModule(this.world, this.tasks, {
      address: (hostId) => this.compute.findHost(hostId)?.innerIpAddress ?? 'unknown',
      processes: (hostId, starting, at) => this.agent.agents.processNames(hostId, starting, at),
    });
    this.bindCalls();
  }

  private bindCalls(): void {
    const bind = (decls: Readonly<Record<string, CallDecl>>, module: unknown) => Object.entries(decls).map(([name, decl]) => ({ name, decl, module }));
    this.calls = [
      ...bind(this.agent.calls, this.agent),
      ...bind(COMPUTE_CALLS, this.compute),
      ...bind(OB_CLUSTER_CALLS, this.obCluster),
      ...bind(OB_TENANT_CALLS, this.obTenant),
      ...bind(TENANT_PARAMETER_CALLS, this.obTenant),
      ...bind(TENANT_DATABASE_CALLS, this.obTenant),
      ...bind(SOFTWARE_PACKAGE_CALLS, this.softwarePackages),
      ...bind(TASK_CALLS, this.task),
      ...bind(SYSTEM_CALLS, this.world),
    ];
    this.callsVersion++;
  }

  /** The operations of the user's own in force. */
  get userOperations(): readonly RoutedOperation[] {
    return this.userOps;
  }

  /**
   * New declarations of the user's operations (`--watch`), for tasks submitted from now on (a task
   * keeps the declaration it was born with). The same ids and routes only: a route is registered once.
   */
  replaceUserOperations(operations: readonly RoutedOperation[]): void {
    const known = new Set(this.userOps.map((u) => u.operation.id));
    for (const u of operations) if (!known.has(u.operation.id)) throw new Error(`operation ${u.operation.id} is not one of the user's`);
    this.agent.redeclare(operations);
    this.userOps = [...operations];
    this.bindCalls();
  }

  /** Rebuilds the simulator from its state file (or starts one) and keeps every later command in it. */
  attachStateFile(path: string, settings: StateSettings): void {
    attachStateFile(this.world, path, settings);
  }

  /** Rewrites the state file (if any) as what is live now; done by itself as the file grows. */
  compactStateFile(): void {
    this.world.persistence.compact();
  }

  now(): number {
    return this.world.now();
  }

  /** Moves simulated time on (kept in the state file). */
  advanceClock(ms: number): void {
    this.world.advanceClock(ms);
  }

  /** Back to the seed's start: clock, hosts, tasks, ids, trace ids, stubs and the default scenario. */
  reset(): void {
    this.world.reset();
  }

  get defaultScenario(): string {
    return this.world.defaultScenario;
  }

  setDefaultScenario(name: string): void {
    this.world.setDefaultScenario(name);
  }

  get scenarios(): ScenarioRegistry {
    return this.world.scenarios;
  }

  get offsetMinutes(): number {
    return this.world.offsetMinutes;
  }

  /** Runs an agent operation (by id, as provider states and tests name it) through the agent module's checks. */
  submit(operationId: string, creator: Creator, hostIds: readonly number[], scenarioName: string): TaskView {
    return this.agent.agents.runOperation(this.tasks.operation(operationId), creator, hostIds, scenarioName);
  }

  /** Applies a task action as the task API does. */
  act(taskId: number, request: ActionRequest): TaskView {
    return this.tasks.act(taskId, request);
  }

  /** Every host, in id order. */
  hosts(): readonly HostRecord[] {
    return this.compute.hosts();
  }

  /** How many tasks are stored. */
  taskCount(): number {
    return this.tasks.count();
  }

  /** The stored task with this id, if there is one. */
  findTask(id: number): TaskRecord | undefined {
    return this.tasks.find(id);
  }

  /** What stub templates read: the seed, the simulated now, the records as OCP's calls show them. */
  templateWorld(): TemplateWorld {
    const { world, compute } = this;
    return {
      seed: world.seed,
      now: (seconds) => formatOcpTime(world.now() + seconds * 1000, world.offsetMinutes),
      record: (kind, id) => {
        const offset = world.offsetMinutes;
        if (kind === 'host') {
          const host = compute.findHost(id);
          if (!host) return undefined;
          const state = compute.hostState(host);
          return renderHost(host, state.status, compute.agentStatus(host), offset, state.updateTime, compute.hostDescriptions(host), compute.services(host));
        }
        if (kind === 'region') {
          const region = compute.inventory.find('regions', id);
          return region ? renderRegion(region, offset) : undefined;
        }
        if (kind === 'idc') {
          const idc = compute.inventory.find('idcs', id);
          return idc ? renderIdc(idc, compute.inventory.find('regions', idc.regionId)?.name ?? '', offset) : undefined;
        }
        const type = compute.inventory.find('hostTypes', id);
        return type ? renderHostType(type, offset) : undefined;
      },
    };
  }
}
