/**
 * Issue 5, point 1: the reference consumer contracts, written with PactV4 and matchers, for the
 * OCP calls ocp-mock simulates. Provider states are scenario names (README, "Pact").
 *
 * The pact is written afresh to test-results/pacts (no stale interactions from Pact's merging)
 * and must equal the committed pacts/ file: contract drift is a review, not an accident. After a
 * deliberate change, `npm run pacts:update` rewrites pacts/ for the diff to be reviewed.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { beforeAll, describe, expect, it } from 'vitest';
import { OcpClient } from './ocpClient.js';

const { atLeastLike, boolean, constrainedArrayLike, eachLike, equal, fromProviderState, integer, like, regex, string } = MatchersV3;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT_DIR = join(ROOT, 'test-results/pacts');
const COMMITTED_DIR = join(ROOT, 'pacts');
const CONSUMER = 'ocp-reference-client';
const PROVIDER = 'ocp';
const PACT_FILE = `${CONSUMER}-${PROVIDER}.json`;

const ADMIN = `Basic ${Buffer.from('admin:admin').toString('base64')}`;
const OCP_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?([+-]\\d{2}:\\d{2}|Z)$';
const time = (example: string) => regex(OCP_TIME, example);
const traceId = regex('^[0-9a-f]{16}$', '688d3147a10b45e8');
const SUBTASK_STATUS = '^(PENDING|READY|RUNNING|CANCELING|FAILED|SUCCESSFUL)$';
const OPERATION = '^(EXECUTE|RETRY|ROLLBACK|SKIP|CANCEL)$';

const envelope = (data: unknown) => ({
  data,
  duration: integer(40),
  server: string('192.168.0.1'),
  status: equal(200),
  successful: equal(true),
  timestamp: time('2021-09-03T15:01:10.645+08:00'),
  traceId,
});

const errorEnvelope = (status: number, code: string, message: string) => ({
  duration: integer(3),
  error: { code: equal(code), message: string(message) },
  server: string('192.168.0.1'),
  status: equal(status),
  successful: equal(false),
  timestamp: time('2021-09-03T15:01:10.645+08:00'),
  traceId,
});

/** A subtask of the raw TaskInstance that batchStopAgents answers. */
const submittedSubtask = {
  className: regex('^com\\.alipay\\.ocp\\.service\\.task\\.business\\.[A-Za-z.]+$', 'com.alipay.ocp.service.task.business.obagent.PrepareStopOcpAgentTask'),
  description: string('Prepare stop OCP agent'),
  downstreams: eachLike(integer(32856), 0),
  id: integer(32858),
  name: string('Prepare stop OCP agent'),
  nodeType: equal('JAVA_TASK'),
  operation: equal('EXECUTE'),
  parallelIdx: integer(0),
  prohibitRollback: boolean(false),
  runTime: equal(1),
  seriesId: integer(4),
  status: regex('^(READY|PENDING)$', 'READY'),
  timeout: integer(60),
  upstreams: eachLike(integer(32857), 0),
};

const submittedTask = (hostIds: string[], subtasks: unknown) => ({
  context: {
    listMap: { host_ids: eachLike(regex('^\\d+$', hostIds[0] as string), hostIds.length) },
    parallel: boolean(false),
    parallelIdx: integer(-1),
    stringMap: { prohibit_rollback: regex('^(true|false)$', 'false') },
  },
  creator: equal('admin'),
  executor: string('192.168.0.1'),
  id: integer(31173),
  name: equal('Batch stop OCP agent'),
  operation: equal('EXECUTE'),
  startTime: time('2021-09-03T15:01:10.636+08:00'),
  status: equal('RUNNING'),
  subtasks,
  taskDefinitionId: equal(-1),
  type: equal('MANUAL'),
});

/** The raw TaskInstance of a single-host operation: its host in `stringMap.host_id` and a top-level `hostId`. */
const singleHostTask = (name: string, hostId: number, nodes: number) => ({
  context: {
    listMap: {},
    parallel: boolean(false),
    parallelIdx: integer(-1),
    stringMap: { prohibit_rollback: regex('^(true|false)$', 'false'), host_id: equal(String(hostId)) },
  },
  creator: equal('admin'),
  executor: string('192.168.0.1'),
  hostId: equal(hostId),
  id: integer(30208),
  name: equal(name),
  operation: equal('EXECUTE'),
  startTime: time('2021-09-03T14:17:06.328+08:00'),
  status: equal('RUNNING'),
  subtasks: constrainedArrayLike({ ...submittedSubtask, parallelIdx: equal(-1) }, nodes, nodes),
  taskDefinitionId: equal(-1),
  type: equal('MANUAL'),
});

/** A subtask as the task query shows it; times and executor appear once it has run, so they are not required. */
const polledSubtask = (status: string) => ({
  createTime: time('2021-09-03T15:01:10+08:00'),
  description: string('Stop all OCP agent processes'),
  downstreams: eachLike(integer(32854), 0),
  id: integer(32857),
  name: string('Stop all OCP agent processes'),
  nodeType: equal('JAVA_TASK'),
  operation: regex(OPERATION, 'EXECUTE'),
  parallelIdx: integer(0),
  prohibitRollback: boolean(false),
  runTime: integer(1),
  seriesId: integer(3),
  status: regex(SUBTASK_STATUS, status),
  timeout: integer(600),
  upstreams: eachLike(integer(32856), 0),
});

const polledTask = (status: string, operation: string, finished: boolean, subtaskStatus: string) => ({
  createTime: time('2021-09-03T15:01:10+08:00'),
  creator: { id: integer(100), name: string('admin') },
  executor: string('192.168.0.1'),
  ...(finished ? { finishTime: time('2021-09-03T15:11:54.067+08:00') } : {}),
  id: integer(31173),
  name: equal('Batch stop OCP agent'),
  operation: equal(operation),
  prohibitRollback: boolean(false),
  startTime: time('2021-09-03T15:01:10.636+08:00'),
  status: equal(status),
  subtasks: constrainedArrayLike(polledSubtask(subtaskStatus), 5, 5),
  taskDefinitionId: equal(-1),
  type: equal('MANUAL'),
});

const taskPath = (suffix = '') => fromProviderState(`/api/v2/tasks/instances/\${taskId}${suffix}`, `/api/v2/tasks/instances/31173${suffix}`);

const pact = new PactV4({ consumer: CONSUMER, provider: PROVIDER, dir: OUT_DIR, logLevel: 'warn' });

beforeAll(() => {
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
});

describe('batchStopAgents', () => {
  it('stops the agent of one host', async () => {
    await pact
      .addInteraction()
      .given('success', { hostIds: [2] })
      .uponReceiving('a request to stop the OCP agent of host 2')
      .withRequest('POST', '/api/v2/compute/hosts/batchStopAgents', (b) =>
        b.headers({ Authorization: ADMIN, 'Content-Type': 'application/json' }).jsonBody({ hostIds: [2] }),
      )
      .willRespondWith(200, (b) =>
        b
          .headers({ 'Content-Type': regex('^application/json.*$', 'application/json') })
          .jsonBody(envelope(submittedTask(['2'], constrainedArrayLike(submittedSubtask, 5, 5)))),
      )
      .executeTest(async (server) => {
        const { httpStatus, body } = await new OcpClient(server.url).stopAgents([2]);
        expect(httpStatus).toBe(200);
        expect(body.data?.status).toBe('RUNNING');
        expect(body.data?.subtasks).toHaveLength(5);
      });
  });

  it('stops the agents of several hosts', async () => {
    await pact
      .addInteraction()
      .given('success', { hostIds: [1001, 1002] })
      .uponReceiving('a request to stop the OCP agents of hosts 1001 and 1002')
      .withRequest('POST', '/api/v2/compute/hosts/batchStopAgents', (b) =>
        b.headers({ Authorization: ADMIN, 'Content-Type': 'application/json' }).jsonBody({ hostIds: [1001, 1002] }),
      )
      .willRespondWith(200, (b) => b.jsonBody(envelope(submittedTask(['1001', '1002'], atLeastLike(submittedSubtask, 8, 8)))))
      .executeTest(async (server) => {
        const { body } = await new OcpClient(server.url).stopAgents([1001, 1002]);
        expect(body.data?.subtasks.length).toBe(8);
      });
  });

  it('is refused without credentials (401)', async () => {
    await pact
      .addInteraction()
      .given('success')
      .uponReceiving('a request to stop agents without credentials')
      .withRequest('POST', '/api/v2/compute/hosts/batchStopAgents', (b) => b.headers({ 'Content-Type': 'application/json' }).jsonBody({ hostIds: [2] }))
      .willRespondWith(401, (b) =>
        b.jsonBody(errorEnvelope(401, 'IAM10000', 'The current user has not logged on or a logon error has occurred. Please log on and try again.')),
      )
      .executeTest(async (server) => {
        const { httpStatus, body } = await new OcpClient(server.url, null).stopAgents([2]);
        expect(httpStatus).toBe(401);
        expect(body.error?.code).toBe('IAM10000');
      });
  });

  it('is refused without the HOST_MANAGER permission (403)', async () => {
    await pact
      .addInteraction()
      .given('permission-denied')
      .uponReceiving('a request to stop agents by a user who may not')
      .withRequest('POST', '/api/v2/compute/hosts/batchStopAgents', (b) =>
        b.headers({ Authorization: ADMIN, 'Content-Type': 'application/json' }).jsonBody({ hostIds: [2] }),
      )
      .willRespondWith(403, (b) =>
        b.jsonBody(errorEnvelope(403, 'IAM11000', 'You are not authorized to perform the corresponding operation. Contact the administrator.')),
      )
      .executeTest(async (server) => {
        const { body } = await new OcpClient(server.url).stopAgents([2]);
        expect(body.error?.code).toBe('IAM11000');
      });
  });

  it('is refused for bad hostIds (400)', async () => {
    await pact
      .addInteraction()
      .given('success')
      .uponReceiving('a request to stop agents with an empty hostIds')
      .withRequest('POST', '/api/v2/compute/hosts/batchStopAgents', (b) =>
        b.headers({ Authorization: ADMIN, 'Content-Type': 'application/json' }).jsonBody({ hostIds: [] }),
      )
      .willRespondWith(400, (b) =>
        b.jsonBody({
          ...errorEnvelope(400, 'COM10001', 'The input parameter hostIds is empty or invalid. Please check and try again.'),
          error: {
            code: equal('COM10001'),
            message: string('The input parameter hostIds is empty or invalid. Please check and try again.'),
            subErrors: eachLike({ field: equal('hostIds'), message: string('must not be empty'), object: string('batchStopAgentsRequest') }, 1),
          },
        }),
      )
      .executeTest(async (server) => {
        const { httpStatus, body } = await new OcpClient(server.url).stopAgents([]);
        expect(httpStatus).toBe(400);
        expect(body.error?.subErrors?.[0]?.field).toBe('hostIds');
      });
  });

  it('is refused for an unknown host (404)', async () => {
    await pact
      .addInteraction()
      .given('success')
      .uponReceiving('a request to stop the agent of a host that does not exist')
      .withRequest('POST', '/api/v2/compute/hosts/batchStopAgents', (b) =>
        b.headers({ Authorization: ADMIN, 'Content-Type': 'application/json' }).jsonBody({ hostIds: [999999] }),
      )
      .willRespondWith(404, (b) => b.jsonBody(errorEnvelope(404, 'CMP07005', 'Host <999999:null> does not exist.')))
      .executeTest(async (server) => {
        const { body } = await new OcpClient(server.url).stopAgents([999999]);
        expect(body.error?.code).toBe('CMP07005');
      });
  });

  it('is refused for an agent that is already stopping (400 CMP07019)', async () => {
    await pact
      .addInteraction()
      .given('success', { hostIds: [2], taskStatus: 'RUNNING' })
      .uponReceiving('a request to stop the agent of a host whose agent is already stopping')
      .withRequest('POST', '/api/v2/compute/hosts/batchStopAgents', (b) =>
        b.headers({ Authorization: ADMIN, 'Content-Type': 'application/json' }).jsonBody({ hostIds: [2] }),
      )
      .willRespondWith(400, (b) =>
        b.jsonBody(errorEnvelope(400, 'CMP07019', 'The current state of the OCP Agent on Host 2:172.22.7.171 does not support this operation.')),
      )
      .executeTest(async (server) => {
        const { body } = await new OcpClient(server.url).stopAgents([2]);
        expect(body.error?.code).toBe('CMP07019');
      });
  });
});

describe('the rest of the agent module', () => {
  const post = (state: string, params: Record<string, unknown>, description: string, path: string, body?: unknown) =>
    pact
      .addInteraction()
      .given(state, params as never)
      .uponReceiving(description)
      .withRequest('POST', path, (b) =>
        body === undefined ? b.headers({ Authorization: ADMIN }) : b.headers({ Authorization: ADMIN, 'Content-Type': 'application/json' }).jsonBody(body),
      );

  it('stops the agent of one host ("Stop OCP agent")', async () => {
    await post('success', { hostIds: [2] }, 'a request to stop the OCP agent of host 2 alone', '/api/v2/compute/hosts/2/agent/stop')
      .willRespondWith(200, (b) => b.jsonBody(envelope(singleHostTask('Stop OCP agent', 2, 3))))
      .executeTest(async (server) => {
        const { body } = await new OcpClient(server.url).stopAgent(2);
        expect(body.data?.hostId).toBe(2);
        expect(body.data?.subtasks).toHaveLength(3);
      });
  });

  it('restarts the agent of one host ("Restart OCP agent")', async () => {
    await post('success', { hostIds: [2] }, 'a request to restart the OCP agent of host 2', '/api/v2/compute/hosts/2/agent/restart')
      .willRespondWith(200, (b) => b.jsonBody(envelope(singleHostTask('Restart OCP agent', 2, 5))))
      .executeTest(async (server) => {
        const { body } = await new OcpClient(server.url).restartAgent(2);
        expect(body.data?.name).toBe('Restart OCP agent');
        expect(body.data?.subtasks).toHaveLength(5);
      });
  });

  it('restarts the agents of several hosts ("Batch restart OCP agent")', async () => {
    await post('success', { hostIds: [1001, 1002] }, 'a request to restart the OCP agents of hosts 1001 and 1002', '/api/v2/compute/hosts/batchRestartAgents', {
      hostIds: [1001, 1002],
    })
      .willRespondWith(200, (b) =>
        b.jsonBody(envelope({ ...submittedTask(['1001', '1002'], atLeastLike(submittedSubtask, 14, 14)), name: equal('Batch restart OCP agent') })),
      )
      .executeTest(async (server) => {
        const { body } = await new OcpClient(server.url).restartAgents([1001, 1002]);
        expect(body.data?.subtasks.length).toBe(14);
      });
  });

  it('reads the agent of a host with its processes', async () => {
    const process = {
      alias: string('ocp_agentd'),
      createTime: time('2021-08-03T14:45:50+08:00'),
      elapsedTime: integer(2601817),
      hostId: equal(2),
      id: integer(181),
      lastActiveTime: time('2021-09-02T17:29:27+08:00'),
      logFilePattern: string('/home/admin/ocp_agent/log/ocp_agentd.log*'),
      operable: boolean(false),
      pid: integer(6337),
      status: regex('^(STARTED|STOPPED)$', 'STARTED'),
      updateTime: time('2021-08-03T14:45:50+08:00'),
    };
    await pact
      .addInteraction()
      .given('success', { hostIds: [2] })
      .uponReceiving('a request for the OCP agent of host 2')
      .withRequest('GET', '/api/v2/compute/hosts/2/agent', (b) => b.headers({ Authorization: ADMIN }))
      .willRespondWith(200, (b) =>
        b.jsonBody(
          envelope({
            createTime: time('2021-08-03T14:45:50+08:00'),
            hostId: equal(2),
            hostInnerIpAddress: string('172.22.7.171'),
            id: integer(2000021),
            installHome: equal('/home/admin/ocp_agent'),
            lastAvailableTime: time('2021-09-02T17:29:26+08:00'),
            logHome: equal('/home/admin/ocp_agent/log'),
            processes: atLeastLike(process, 2, 2),
            status: equal('AVAILABLE'),
            updateTime: time('2021-09-02T17:29:25+08:00'),
            version: string('4.2.2-20231225101010'),
          }),
        ),
      )
      .executeTest(async (server) => {
        const { body } = await new OcpClient(server.url).agent(2);
        expect(body.data?.status).toBe('AVAILABLE');
        expect(body.data?.processes.length).toBeGreaterThanOrEqual(2);
      });
  });

  it('polls a restart to SUCCESSFUL', async () => {
    await pact
      .addInteraction()
      .given('success', { hostIds: [2], taskStatus: 'SUCCESSFUL', operation: 'restartAgent' } as never)
      .uponReceiving('a poll of a restart task that succeeded')
      .withRequest('GET', taskPath(), (b) => b.headers({ Authorization: ADMIN }))
      .willRespondWith(200, (b) =>
        b.jsonBody(
          envelope({
            ...polledTask('SUCCESSFUL', 'EXECUTE', true, 'SUCCESSFUL'),
            name: equal('Restart OCP agent'),
            subtasks: constrainedArrayLike({ ...polledSubtask('SUCCESSFUL'), parallelIdx: equal(-1) }, 5, 5),
          }),
        ),
      )
      .executeTest(async (server) => {
        const { body } = await new OcpClient(server.url).task(31173);
        expect(body.data?.status).toBe('SUCCESSFUL');
        expect(body.data?.name).toBe('Restart OCP agent');
      });
  });
});

describe('the host module', () => {
  it('lists the regions (obdiag asks first)', async () => {
    await pact
      .addInteraction()
      .given('success')
      .uponReceiving('a request for the region list')
      .withRequest('GET', '/api/v2/compute/regions', (b) => b.headers({ Authorization: ADMIN }))
      .willRespondWith(200, (b) =>
        b.jsonBody(
          envelope({
            contents: atLeastLike(
              { createTime: time('2021-07-21T20:42:02+08:00'), id: integer(1), name: string('beijing'), updateTime: time('2021-07-21T20:42:02+08:00') },
              1,
              3,
            ),
            page: { number: equal(1), size: equal(10), totalElements: integer(3), totalPages: integer(1) },
          }),
        ),
      )
      .executeTest(async (server) => {
        const { body } = await new OcpClient(server.url).regions();
        expect(body.data?.contents.length).toBeGreaterThanOrEqual(1);
      });
  });

  it('creates an IDC in a region the provider state made', async () => {
    await pact
      .addInteraction()
      .given('success', { regions: ['shenzhen'] } as never)
      .uponReceiving('a request to create an IDC in region 1000001')
      .withRequest('POST', '/api/v2/compute/idcs', (b) =>
        b.headers({ Authorization: ADMIN, 'Content-Type': 'application/json' }).jsonBody({ name: 'sz-idc1', regionId: 1_000_001 }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody(
          envelope({
            createTime: time('2021-07-22T20:04:15+08:00'),
            description: null,
            id: integer(1_000_001),
            name: equal('sz-idc1'),
            regionId: equal(1_000_001),
            regionName: equal('shenzhen'),
            updateTime: time('2021-07-22T20:04:15+08:00'),
          }),
        ),
      )
      .executeTest(async (server) => {
        const { body } = await new OcpClient(server.url).createIdc('sz-idc1', 1_000_001);
        expect(body.data?.regionName).toBe('shenzhen');
      });
  });
});

describe('adding hosts', () => {
  it('adds a host through a "Prepare host" task (ocp-docs/host/1500)', async () => {
    const request = {
      hostBasicDataList: [{ innerIpAddress: '10.20.30.40' }],
      sshPort: 22,
      kind: 'DEDICATED_PHYSICAL_MACHINE',
      idcId: 11,
      typeId: 1,
      credentialId: 2000001,
    };
    const node = (name: string, timeout: number, status = 'PENDING') => ({
      description: equal(name),
      downstreams: eachLike(integer(13006993), 0),
      id: integer(13006990),
      name: equal(name),
      nodeType: equal('JAVA_TASK'),
      operation: equal('EXECUTE'),
      parallelIdx: equal(-1),
      prohibitRollback: boolean(false),
      runTime: equal(1),
      seriesId: integer(0),
      status: equal(status),
      timeout: equal(timeout),
      upstreams: eachLike(integer(13006994), 0),
    });
    await pact
      .addInteraction()
      .given('success')
      .uponReceiving('a request to add the host 10.20.30.40')
      .withRequest('POST', '/api/v2/compute/hosts/batchCreate', (b) =>
        b.headers({ Authorization: ADMIN, 'Content-Type': 'application/json' }).jsonBody(request),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody(
          envelope({
            contents: [
              {
                creator: equal('admin'),
                executor: string('192.168.0.1'),
                hostId: integer(4000002),
                id: integer(35006655),
                name: equal('Prepare host'),
                operation: equal('EXECUTE'),
                startTime: time('2021-08-25T19:48:49.604+08:00'),
                status: equal('RUNNING'),
                // The page's order of nodes (not the DAG's).
                subtasks: [
                  node('Update host status', 1800),
                  node('Uninstall legacy ocp agent', 600),
                  node('Pre check for create host', 1800, 'READY'),
                  node('Install ocp agent', 5400),
                  node('Uninstall legacy obagent', 2100),
                ],
                type: equal('MANUAL'),
              },
            ],
          }),
        ),
      )
      .executeTest(async (server) => {
        const { body } = await new OcpClient(server.url).addHosts(request);
        expect(body.data?.contents[0]?.name).toBe('Prepare host');
      });
  });
});

describe('a host added earlier', () => {
  it('reads ONLINE with its agent running, in the IDC it was added to', async () => {
    await pact
      .addInteraction()
      .given('success', { regions: ['shenzhen'], idcs: ['sz-idc1'], addedHosts: ['10.8.0.1'] } as never)
      .uponReceiving('a request for the host added at 10.8.0.1')
      .withRequest('GET', fromProviderState(`/api/v2/compute/hosts/\${addedHostId}`, '/api/v2/compute/hosts/4000001'), (b) =>
        b.headers({ Authorization: ADMIN }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody(
          envelope({
            alias: null,
            architecture: string('x86_64'),
            createTime: time('2021-08-10T11:56:16+08:00'),
            description: null,
            hostAgentId: integer(8000001),
            hostAgentStatus: equal('AVAILABLE'),
            hostAgentVersion: string('4.2.2-20231225101010'),
            id: integer(4000001),
            idcDescription: null,
            idcId: integer(1000001),
            idcName: equal('sz-idc1'),
            innerIpAddress: equal('10.8.0.1'),
            kind: equal('DEDICATED_PHYSICAL_MACHINE'),
            name: string('OceanBase152105.sz-idc1'),
            operatingSystem: string('4.9.168-018.ali3000.alios7.x86_64'),
            operatingSystemRelease: string('alios7'),
            publishPorts: null,
            regionDescription: null,
            regionId: integer(1000001),
            regionName: equal('shenzhen'),
            serialNumber: null,
            services: [],
            sshPort: equal(22),
            status: equal('ONLINE'),
            typeDescription: string('16core 64GB'),
            typeId: integer(1),
            typeName: string('standard-16c64g'),
            updateTime: time('2021-08-25T15:09:53+08:00'),
          }),
        ),
      )
      .executeTest(async (server) => {
        const { body } = await new OcpClient(server.url).host(4000001);
        expect(body.data?.status).toBe('ONLINE');
        expect(body.data?.idcName).toBe('sz-idc1');
      });
  });
});

describe('polling and acting on the task', () => {
  const poll = (state: string, params: Record<string, unknown>, description: string, task: unknown) =>
    pact
      .addInteraction()
      .given(state, params as never)
      .uponReceiving(description)
      .withRequest('GET', taskPath(), (b) => b.headers({ Authorization: ADMIN }))
      .willRespondWith(200, (b) => b.jsonBody(envelope(task)));

  it.each([
    { label: 'RUNNING', state: 'success', description: 'a poll of a running stop task', task: polledTask('RUNNING', 'EXECUTE', false, 'READY') },
    {
      label: 'SUCCESSFUL',
      state: 'success',
      description: 'a poll of a stop task that succeeded',
      task: polledTask('SUCCESSFUL', 'EXECUTE', true, 'SUCCESSFUL'),
    },
    {
      label: 'FAILED',
      state: 'node-timeout',
      description: 'a poll of a stop task that failed on a node timeout',
      task: polledTask('FAILED', 'EXECUTE', true, 'FAILED'),
    },
  ])('polls a $label task', async ({ label, state, description, task }) => {
    await poll(state, { hostIds: [2], taskStatus: label }, description, task).executeTest(async (server) => {
      const { body } = await new OcpClient(server.url).task(31173);
      expect(body.data?.status).toBe(label);
    });
  });

  it('retries a failed task', async () => {
    await pact
      .addInteraction()
      .given('node-timeout', { hostIds: [2], taskStatus: 'FAILED' })
      .uponReceiving('a retry of a failed stop task')
      .withRequest('POST', taskPath('/retry'), (b) => b.headers({ Authorization: ADMIN }))
      .willRespondWith(200, (b) => b.jsonBody(envelope(polledTask('RUNNING', 'RETRY', false, 'READY'))))
      .executeTest(async (server) => {
        const { body } = await new OcpClient(server.url).retry(31173);
        expect(body.data?.operation).toBe('RETRY');
      });
  });

  it('rolls back a failed task', async () => {
    await pact
      .addInteraction()
      .given('node-timeout', { hostIds: [2], taskStatus: 'FAILED' })
      .uponReceiving('a rollback of a failed stop task')
      .withRequest('POST', taskPath('/rollback'), (b) => b.headers({ Authorization: ADMIN }))
      .willRespondWith(200, (b) => b.jsonBody(envelope(polledTask('RUNNING', 'ROLLBACK', false, 'FAILED'))))
      .executeTest(async (server) => {
        const { body } = await new OcpClient(server.url).rollback(31173);
        expect(body.data?.operation).toBe('ROLLBACK');
      });
  });
});

describe('OB clusters', () => {
  it('stops a cluster: the task as ocp-docs/cluster/400 prints it, then polled', async () => {
    const clusterTask = {
      cluster: { id: integer(1000002), name: string('test'), obClusterId: integer(4) },
      context: regex(
        '^Context\\(parallelIdx=-1, stringMap=\\{.*\\}, listMap=\\{.*\\}\\)$',
        'Context(parallelIdx=-1, stringMap={cluster_name=test, cluster_id=1000002, former_cluster_status=RUNNING}, listMap={server_ids=[1000001], zone_names=[zone1]})',
      ),
      creator: { id: integer(100), name: string('admin') },
      id: integer(31173),
      name: equal('Stop OB cluster'),
      startTime: time('2021-09-03T15:01:10.636+08:00'),
      status: regex('^(RUNNING|FAILED|SUCCESSFUL)$', 'RUNNING'),
      tasks: atLeastLike(
        {
          description: string('Prepare stop cluster'),
          downstreams: eachLike(integer(32857), 0),
          id: integer(32860),
          name: string('Prepare stop cluster'),
          operation: regex(OPERATION, 'EXECUTE'),
          status: regex(SUBTASK_STATUS, 'READY'),
          upstreams: eachLike(integer(32857), 0),
        },
        11,
        11,
      ),
    };
    await pact
      .addInteraction()
      .given('success')
      .uponReceiving('a request to stop the OB cluster test')
      .withRequest('POST', '/api/v2/ob/clusters/1000002/stop', (b) => b.headers({ Authorization: ADMIN }))
      .willRespondWith(200, (b) => b.jsonBody(envelope(clusterTask)))
      .executeTest(async (server) => {
        const res = await fetch(`${server.url}/api/v2/ob/clusters/1000002/stop`, { method: 'POST', headers: { Authorization: ADMIN } });
        const body = (await res.json()) as { data: { name: string; tasks: unknown[] } };
        expect(body.data.name).toBe('Stop OB cluster');
        expect(body.data.tasks).toHaveLength(11);
      });
  });

  it('creates a cluster on a free host (ocp-docs/cluster/200): the task as the page prints it', async () => {
    const body = {
      type: 'PRIMARY',
      name: 'terran',
      password: 'xxxxx',
      primaryZone: '',
      rpmName: 'oceanbase-2.2.73-20201211175814.el7.x86_64.rpm',
      zones: [{ name: 'zone1', idcName: 'sh-idc1', servers: [1004] }],
    };
    await pact
      .addInteraction()
      .given('success')
      .uponReceiving('a request to create the OB cluster terran on host 1004')
      .withRequest('POST', '/api/v2/ob/clusters', (b) => b.headers({ Authorization: ADMIN, 'Content-Type': 'application/json' }).jsonBody(body))
      .willRespondWith(200, (b) =>
        b.jsonBody(
          envelope({
            cluster: { id: integer(1000003), name: equal('terran'), obClusterId: integer(5) },
            context: regex(
              '^Context\\(parallelIdx=-1, stringMap=\\{.*\\}, listMap=\\{.*\\}\\)$',
              'Context(parallelIdx=-1, stringMap={cluster_name=terran}, listMap={host_ids=[1004]})',
            ),
            creator: { id: integer(100), name: string('admin') },
            id: integer(31173),
            name: equal('Create primary OB cluster'),
            startTime: time('2021-09-03T15:01:10.636+08:00'),
            status: equal('RUNNING'),
            tasks: atLeastLike(
              {
                description: string('Prepare install cluster'),
                downstreams: eachLike(integer(32857), 0),
                id: integer(32860),
                name: string('Prepare install cluster'),
                operation: regex(OPERATION, 'EXECUTE'),
                status: regex(SUBTASK_STATUS, 'PENDING'),
                upstreams: eachLike(integer(32857), 0),
              },
              23,
              23,
            ),
          }),
        ),
      )
      .executeTest(async (server) => {
        const res = await fetch(`${server.url}/api/v2/ob/clusters`, {
          method: 'POST',
          headers: { Authorization: ADMIN, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        const answer = (await res.json()) as { data: { name: string; cluster: { name: string } } };
        expect(answer.data.name).toBe('Create primary OB cluster');
        expect(answer.data.cluster.name).toBe('terran');
      });
  });

  it('polls a cluster a provider state created: RUNNING, with its zone', async () => {
    const path = fromProviderState('/api/v2/ob/clusters/${clusterId}', '/api/v2/ob/clusters/1000003');
    await pact
      .addInteraction()
      .given('success', { clusters: [{ name: 'terran' }] })
      .uponReceiving('a request for the OB cluster terran, created')
      .withRequest('GET', path, (b) => b.headers({ Authorization: ADMIN }))
      .willRespondWith(200, (b) =>
        b.jsonBody(
          envelope({
            id: integer(1000003),
            name: equal('terran'),
            obClusterId: integer(5),
            obVersion: equal('2.2.76'),
            status: equal('RUNNING'),
            type: equal('PRIMARY'),
            zones: atLeastLike({ name: equal('zone1'), status: equal('RUNNING') }, 1),
          }),
        ),
      )
      .executeTest(async (server) => {
        const res = await fetch(`${server.url}/api/v2/ob/clusters/1000003`, { headers: { Authorization: ADMIN } });
        const answer = (await res.json()) as { data: { status: string } };
        expect(answer.data.status).toBe('RUNNING');
      });
  });

  it('creates a tenant on cluster01 (ocp-docs/tenant/400): the task as the page prints it', async () => {
    const body = {
      name: 'pact_t1',
      mode: 'MYSQL',
      rootPassword: 'xxxxx',
      zones: [{ name: 'zone1', replicaType: 'FULL', resourcePool: { unitSpecName: 'S1', unitCount: 1 } }],
    };
    await pact
      .addInteraction()
      .given('success')
      .uponReceiving('a request to create the tenant pact_t1 on cluster01')
      .withRequest('POST', '/api/v2/ob/clusters/1/tenants/createTenant', (b) =>
        b.headers({ Authorization: ADMIN, 'Content-Type': 'application/json' }).jsonBody(body),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody(
          envelope({
            id: integer(31173),
            name: equal('Create tenant'),
            status: equal('RUNNING'),
            subtasks: atLeastLike(
              {
                id: integer(4000195),
                name: string('Create ob tenant'),
                status: regex(SUBTASK_STATUS, 'PENDING'),
                upstreams: eachLike(integer(4000194), 0),
                downstreams: eachLike(integer(4000196), 0),
              },
              10,
              10,
            ),
            tenantId: integer(1000009),
          }),
        ),
      )
      .executeTest(async (server) => {
        const res = await fetch(`${server.url}/api/v2/ob/clusters/1/tenants/createTenant`, {
          method: 'POST',
          headers: { Authorization: ADMIN, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        const answer = (await res.json()) as { data: { name: string; tenantId: number } };
        expect(answer.data.name).toBe('Create tenant');
        expect(answer.data.tenantId).toBeGreaterThan(0);
      });
  });

  it('polls a tenant a provider state created: NORMAL, with its unit', async () => {
    const path = fromProviderState('/api/v2/ob/clusters/1/tenants/${tenantId}', '/api/v2/ob/clusters/1/tenants/1000009');
    await pact
      .addInteraction()
      .given('success', { tenants: [{ name: 'pact_t2', clusterId: 1, zones: ['zone1'] }] })
      .uponReceiving('a request for the tenant pact_t2, created')
      .withRequest('GET', path, (b) => b.headers({ Authorization: ADMIN }))
      .willRespondWith(200, (b) =>
        b.jsonBody(
          envelope({
            clusterId: equal(1),
            id: integer(1000009),
            mode: equal('MYSQL'),
            name: equal('pact_t2'),
            status: equal('NORMAL'),
            zones: eachLike(
              {
                name: equal('zone1'),
                resourcePool: { unitConfig: { maxCpuCoreCount: like(1.5), maxMemorySize: integer(6) }, unitCount: equal(1) },
                units: eachLike({ id: integer(20), serverId: integer(1000002), zoneName: equal('zone1') }, 1),
              },
              1,
            ),
          }),
        ),
      )
      .executeTest(async (server) => {
        const res = await fetch(`${server.url}/api/v2/ob/clusters/1/tenants/1000009`, { headers: { Authorization: ADMIN } });
        const answer = (await res.json()) as { data: { status: string } };
        expect(answer.data.status).toBe('NORMAL');
      });
  });

  it('is refused a tenant its servers cannot hold (400 OBE19019)', async () => {
    const body = {
      name: 'pact_big',
      mode: 'MYSQL',
      rootPassword: 'xxxxx',
      zones: [{ name: 'zone2', replicaType: 'FULL', resourcePool: { unitSpecName: 'S3', unitCount: 1 } }],
    };
    await pact
      .addInteraction()
      .given('success')
      .uponReceiving('a request to create a tenant of S3 units on cluster01, whose zone2 cannot hold one (15 GB free)')
      .withRequest('POST', '/api/v2/ob/clusters/1/tenants/createTenant', (b) =>
        b.headers({ Authorization: ADMIN, 'Content-Type': 'application/json' }).jsonBody(body),
      )
      .willRespondWith(400, (b) =>
        b.jsonBody(
          errorEnvelope(
            400,
            'OBE19019',
            'Only 16106127360 bytes of memory are available for the observer process, which is insufficient. At least 34359738368 bytes of memory are required.',
          ),
        ),
      )
      .executeTest(async (server) => {
        const res = await fetch(`${server.url}/api/v2/ob/clusters/1/tenants/createTenant`, {
          method: 'POST',
          headers: { Authorization: ADMIN, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect(res.status).toBe(400);
      });
  });

  it('creates a database in the tenant tpcc (ocp-docs/tenant/1900 200)', async () => {
    const body = { dbName: 'pact_db', collation: 'utf8mb4_general_ci', readonly: false, primaryZone: 'zone1' };
    await pact
      .addInteraction()
      .given('success')
      .uponReceiving('a request to create the database pact_db in the tenant tpcc of cluster01')
      .withRequest('POST', '/api/v2/ob/clusters/1/tenants/1000004/databases', (b) =>
        b.headers({ Authorization: ADMIN, 'Content-Type': 'application/json' }).jsonBody(body),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody(
          envelope({
            charset: equal('utf8mb4'),
            collation: equal('utf8mb4_general_ci'),
            // OCP prints this time with microseconds (the page's sample).
            createTime: regex('^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?([+-]\\d{2}:\\d{2}|Z)$', '2021-09-07T10:34:22.583681+08:00'),
            dbName: equal('pact_db'),
            id: integer(1100611139404827),
            primaryZone: equal('zone1'),
            readonly: equal(false),
          }),
        ),
      )
      .executeTest(async (server) => {
        const res = await fetch(`${server.url}/api/v2/ob/clusters/1/tenants/1000004/databases`, {
          method: 'POST',
          headers: { Authorization: ADMIN, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        const answer = (await res.json()) as { data: { dbName: string } };
        expect(answer.data.dbName).toBe('pact_db');
      });
  });

  it('lists the servers of a cluster (ocp-docs/cluster/2400)', async () => {
    await pact
      .addInteraction()
      .given('success')
      .uponReceiving('a request for the OB servers of cluster 1')
      .withRequest('GET', '/api/v2/ob/clusters/1/servers', (b) => b.headers({ Authorization: ADMIN }))
      .willRespondWith(200, (b) =>
        b.jsonBody(
          envelope({
            contents: atLeastLike(
              {
                clusterId: equal(1),
                hostId: integer(2),
                id: integer(1000002),
                innerStatus: string('ACTIVE'),
                ip: string('192.168.0.2'),
                port: integer(2882),
                sqlPort: integer(2881),
                startTime: time('2021-03-02T10:29:04.849+08:00'),
                status: string('RUNNING'),
                stopTime: time('1970-01-01T08:00:00.000+08:00'),
                updateTime: time('2021-08-02T10:29:04+08:00'),
                version: string('2.2.76_20210219154519-2f3d3c1e6a9b4c7d8e0f1a2b3c4d5e6f7a8b9c0d(Feb 19 2021 15:45:19)'),
                withRootserver: boolean(true),
                zoneName: string('zone1'),
              },
              1,
            ),
          }),
        ),
      )
      .executeTest(async (server) => {
        const res = await fetch(`${server.url}/api/v2/ob/clusters/1/servers`, { headers: { Authorization: ADMIN } });
        expect(res.status).toBe(200);
      });
  });
});

describe('the published contract', () => {
  // Runs after the interactions above (tests in a file run in order).
  it('is the committed pacts/ file (contract drift is a review, not an accident)', () => {
    const generated = join(OUT_DIR, PACT_FILE);
    const committed = join(COMMITTED_DIR, PACT_FILE);
    if (process.env.UPDATE_PACTS === '1') {
      mkdirSync(COMMITTED_DIR, { recursive: true });
      copyFileSync(generated, committed);
      return;
    }
    expect(existsSync(committed), `${committed} is missing: run npm run pacts:update`).toBe(true);
    expect(JSON.parse(readFileSync(generated, 'utf8')), 'the consumer contract changed: run npm run pacts:update and review the diff of pacts/').toEqual(
      JSON.parse(readFileSync(committed, 'utf8')),
    );
  });
});
