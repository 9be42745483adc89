/**
 * Issue 2, point 3: batchStopAgents answers like the seed example (batchStopAgents.zh.md), field
 * for field: same paths and types, same values where OCP's are fixed, keys in alphabetical order.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { successEnvelope, TaskInstance } from '../../src/contract/schemas.js';
import { mock, pathTypes, SEED_START, unsortedKeys } from '../helpers.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
const SEED = fixture('seed_batch_stop_agents_response.json');
const SAMPLE = fixture('batch_stop_agents_response.json');

describe('POST /api/v2/compute/hosts/batchStopAgents', () => {
  it('answers the documented request with exactly the seed example, up to ids, times and addresses', async () => {
    const m = mock();
    const res = await m.stop([2]);
    expect(res.status).toBe(200);
    const body = res.json;
    // Map our ids onto the seed's: same task id, same subtask block start.
    const ourMin = Math.min(...body.data.subtasks.map((s: { id: number }) => s.id));
    const seedMin = Math.min(...SEED.data.subtasks.map((s: { id: number }) => s.id));
    const shift = (id: number) => id - ourMin + seedMin;
    const normalised = JSON.parse(JSON.stringify(body));
    normalised.data.id = SEED.data.id;
    normalised.data.executor = SEED.data.executor;
    normalised.server = SEED.server;
    normalised.duration = SEED.duration;
    normalised.timestamp = SEED.timestamp;
    normalised.traceId = SEED.traceId;
    for (const s of normalised.data.subtasks) {
      s.id = shift(s.id);
      s.upstreams = s.upstreams.map(shift);
      s.downstreams = s.downstreams.map(shift);
    }
    expect(normalised).toEqual(SEED);
    // Key order too, not just key sets.
    expect(JSON.stringify(normalised)).toBe(JSON.stringify(SEED));
    expect(body.data.startTime).toBe('2021-09-03T15:01:10.636+08:00');
  });

  it('with the default seed, the first answer is the documented example itself (ids and address too)', async () => {
    const m = mock();
    const { json } = await m.stop([2]);
    // Only what no simulator can repeat differs: how long it took, when it answered, the trace id.
    const same = { ...json, duration: SEED.duration, timestamp: SEED.timestamp, traceId: SEED.traceId };
    expect(JSON.stringify(same)).toBe(JSON.stringify(SEED));
    // Another seed draws its own ids and address.
    const other = (await mock({ seed: 2 }).stop([2])).json;
    expect(other.data.id).not.toBe(SEED.data.id);
    expect(other.server).not.toBe(SEED.server);
  });

  it('has the seed example’s paths and value types, and validates against the TaskInstance schema', async () => {
    const m = mock();
    const { json } = await m.stop([2]);
    expect([...pathTypes(json)].sort()).toEqual([...pathTypes(SEED)].sort());
    expect([...pathTypes(json)].sort()).toEqual([...pathTypes(SAMPLE)].sort());
    expect(() => successEnvelope(TaskInstance).parse(json)).not.toThrow();
    expect(unsortedKeys(json)).toEqual([]);
  });

  it('serves the docs’ unprefixed path as well', async () => {
    const m = mock();
    const res = await m.call('POST', '/compute/hosts/batchStopAgents', { body: { hostIds: [1001, 1002] } });
    expect(res.status).toBe(200);
    expect(res.json.data.context.listMap.host_ids).toEqual(['1001', '1002']);
  });

  it('prints OCP-style envelope values: trace id, times with the offset, the server address', async () => {
    const m = mock({ tz: '-05:00' });
    const { json } = await m.stop([20]);
    expect(json.traceId).toMatch(/^[0-9a-f]{16}$/);
    expect(json.successful).toBe(true);
    expect(json.status).toBe(200);
    expect(json.data.startTime).toBe('2021-09-03T02:01:10.636-05:00');
    expect(json.timestamp).toMatch(/-05:00$/);
    expect(json.server).toBe(json.data.executor);
    expect(json.server).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(json.data.creator).toBe('admin');
  });

  it('builds the per-host chain for N hosts: Prepare_i -> Wait -> Stop_i -> Wait -> Finish_i', async () => {
    const m = mock();
    const hostIds = [2, 20, 1001, 1002];
    const { json } = await m.stop(hostIds);
    type Sub = { id: number; name: string; parallelIdx: number; status: string; seriesId: number; upstreams: number[]; downstreams: number[] };
    const subtasks = json.data.subtasks as Sub[];
    expect(subtasks).toHaveLength(3 * hostIds.length + 2);
    const byId = new Map(subtasks.map((s) => [s.id, s]));
    const named = (name: string) => subtasks.filter((s) => s.name === name);
    expect(named('Wait node')).toHaveLength(2);
    for (const kind of ['Prepare stop OCP agent', 'Stop all OCP agent processes', 'Finish OCP agent operation']) {
      const nodes = named(kind);
      expect(nodes.map((n) => n.parallelIdx).sort()).toEqual([0, 1, 2, 3]);
    }
    for (const w of named('Wait node')) expect(w.parallelIdx).toBe(-1);
    // Prepares are roots (READY), everything else PENDING.
    for (const s of subtasks) expect(s.status).toBe(s.name === 'Prepare stop OCP agent' ? 'READY' : 'PENDING');
    const waitAfter = (stage: string) => named('Wait node').find((w) => w.upstreams.every((u) => byId.get(u)?.name === stage));
    expect(waitAfter('Prepare stop OCP agent')?.upstreams).toHaveLength(4);
    expect(waitAfter('Stop all OCP agent processes')?.upstreams).toHaveLength(4);
    for (const stop of named('Stop all OCP agent processes')) {
      expect(stop.upstreams.map((u) => byId.get(u)?.name)).toEqual(['Wait node']);
      expect(stop.downstreams.map((u) => byId.get(u)?.name)).toEqual(['Wait node']);
    }
    // Edges agree both ways.
    for (const s of subtasks) for (const d of s.downstreams) expect(byId.get(d)?.upstreams).toContain(s.id);
    // One contiguous block of ids; seriesId a permutation that does not follow DAG order.
    const ids = subtasks.map((s) => s.id).sort((a, b) => a - b);
    expect(ids[ids.length - 1]! - ids[0]!).toBe(ids.length - 1);
    expect(subtasks.map((s) => s.seriesId).sort((a, b) => a - b)).toEqual([...Array(14).keys()]);
  });

  it('gives task ids that increase and subtask id blocks that follow each other', async () => {
    const m = mock();
    const a = (await m.stop([2])).json.data;
    const b = (await m.stop([20, 1001])).json.data;
    expect(b.id).toBe(a.id + 1);
    const maxA = Math.max(...a.subtasks.map((s: { id: number }) => s.id));
    const minB = Math.min(...b.subtasks.map((s: { id: number }) => s.id));
    expect(minB).toBe(maxA + 1);
    expect(a.id).toBeGreaterThanOrEqual(31000);
  });

  it('startTime has no fraction on a whole second and drops trailing zeros', async () => {
    const whole = mock({ startTime: Date.parse('2021-09-03T15:01:10.000+08:00') });
    expect((await whole.stop([2])).json.data.startTime).toBe('2021-09-03T15:01:10+08:00');
    const tenths = mock({ startTime: Date.parse('2021-09-03T15:01:10.740+08:00') });
    expect((await tenths.stop([2])).json.data.startTime).toBe('2021-09-03T15:01:10.74+08:00');
    expect(SEED_START).toBe(Date.parse('2021-09-03T07:01:10.636Z'));
  });
});
