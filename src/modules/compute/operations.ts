/**
 * OCP's "Prepare host" task, which adding a host starts (ocp-docs/host/1500). Names, descriptions,
 * timeouts and the layout are the page's; its answer shows no `className`, so the class names
 * (package and simple names) are *inferred* after the agent ones, as are the durations.
 */
import { defineOperation, type NodeTemplate } from '../../engine/index.js';

const HOST_TASKS = 'com.alipay.ocp.service.task.business.host';

const template = (name: string, simpleClass: string, timeout: number, defaultSeconds: readonly [number, number]): NodeTemplate => ({
  name,
  className: `${HOST_TASKS}.${simpleClass}`,
  description: name,
  timeout,
  defaultSeconds,
});

export const PREPARE_HOST_TEMPLATES = {
  precheck: template('Pre check for create host', 'PreCheckCreateHostTask', 1800, [1, 4]),
  uninstallObAgent: template('Uninstall legacy obagent', 'UninstallLegacyObAgentTask', 2100, [2, 10]),
  uninstallOcpAgent: template('Uninstall legacy ocp agent', 'UninstallLegacyOcpAgentTask', 600, [2, 10]),
  installAgent: template('Install ocp agent', 'InstallOcpAgentTask', 5400, [20, 90]),
  updateHostStatus: template('Update host status', 'UpdateHostStatusTask', 1800, [0.3, 2]),
} as const;

export const PREPARE_HOST = defineOperation({
  id: 'prepareHost',
  templates: PREPARE_HOST_TEMPLATES,
  answer: 'bare',
  taskName: 'Prepare host',
  singleHost: true,
  stages: ['precheck', 'uninstallObAgent', 'uninstallOcpAgent', 'installAgent', 'updateHostStatus'],
  // ocp-docs/host/1500's sample: subtasks 13006990-13006994.
  oneHostLayout: [
    { idOffset: 2, seriesId: 1, position: 2 },
    { idOffset: 1, seriesId: 3, position: 4 },
    { idOffset: 0, seriesId: 2, position: 1 },
    { idOffset: 4, seriesId: 0, position: 3 },
    { idOffset: 3, seriesId: 4, position: 0 },
  ],
  // *Inferred*: a host being added has no agent yet (OFFLINE) until its task has installed one and
  // updated the host; then the agent runs and the host is ONLINE. Only batchCreate starts it.
  startsFrom: ['OFFLINE'],
  during: 'OFFLINE',
  effects: [{ after: 'updateHostStatus', status: 'AVAILABLE' }],
  hostStatusAfter: { after: 'updateHostStatus', status: 'ONLINE' },
});
