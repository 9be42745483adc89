/**
 * The reference consumer: the calls an OCP client makes around stopping and restarting agents,
 * written as a client team would (HTTP Basic, OCP's envelope). The consumer pact tests drive it.
 */
export interface Envelope<T> {
  successful: boolean;
  status: number;
  traceId: string;
  data?: T;
  error?: { code: string; message: string; subErrors?: Array<{ field: string; message: string }> };
}

export interface TaskSummary {
  id: number;
  name: string;
  status: 'RUNNING' | 'FAILED' | 'SUCCESSFUL';
  operation: string;
  subtasks: Array<{ id: number; name: string; status: string; operation: string; runTime: number }>;
}

export class OcpClient {
  constructor(
    private readonly baseUrl: string,
    private readonly credentials: string | null = 'admin:admin',
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<{ httpStatus: number; body: Envelope<T> }> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.credentials) headers.Authorization = `Basic ${Buffer.from(this.credentials).toString('base64')}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { httpStatus: res.status, body: (await res.json()) as Envelope<T> };
  }

  stopAgents(hostIds: unknown) {
    return this.call<TaskSummary>('POST', '/api/v2/compute/hosts/batchStopAgents', { hostIds });
  }
  restartAgents(hostIds: unknown) {
    return this.call<TaskSummary>('POST', '/api/v2/compute/hosts/batchRestartAgents', { hostIds });
  }
  stopAgent(hostId: number) {
    return this.call<TaskSummary & { hostId: number }>('POST', `/api/v2/compute/hosts/${hostId}/agent/stop`);
  }
  restartAgent(hostId: number) {
    return this.call<TaskSummary & { hostId: number }>('POST', `/api/v2/compute/hosts/${hostId}/agent/restart`);
  }
  agent(hostId: number) {
    return this.call<{ hostId: number; status: string; processes: Array<{ alias: string; status: string; pid: number }> }>(
      'GET',
      `/api/v2/compute/hosts/${hostId}/agent`,
    );
  }
  regions() {
    return this.call<{ contents: Array<{ id: number; name: string }> }>('GET', '/api/v2/compute/regions');
  }
  createIdc(name: string, regionId: number) {
    return this.call<{ id: number; name: string; regionId: number; regionName: string }>('POST', '/api/v2/compute/idcs', { name, regionId });
  }
  addHosts(request: { hostBasicDataList: { innerIpAddress: string }[]; sshPort: number; kind: string; idcId: number; typeId: number; credentialId: number }) {
    return this.call<{ contents: Array<TaskSummary & { hostId: number }> }>('POST', '/api/v2/compute/hosts/batchCreate', request);
  }
  host(id: number) {
    return this.call<{ id: number; innerIpAddress: string; idcName: string; status: string; hostAgentStatus: string }>('GET', `/api/v2/compute/hosts/${id}`);
  }
  task(id: number) {
    return this.call<TaskSummary>('GET', `/api/v2/tasks/instances/${id}`);
  }
  retry(id: number) {
    return this.call<TaskSummary>('POST', `/api/v2/tasks/instances/${id}/retry`);
  }
  rollback(id: number) {
    return this.call<TaskSummary>('POST', `/api/v2/tasks/instances/${id}/rollback`);
  }
}
