/**
 * The software-package calls (ocp-docs/software-package 100, 200, 300): each answered path for
 * path and type for type as its page's sample (test/fixtures/softwarePackage), an upload of an rpm
 * built here (lead + headers) and of files that are none, OCP's PKG errors in both languages, the
 * refused delete of a package a cluster runs, the state file across a restart and a compaction,
 * and the seed's packages the same for the same seed.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SoftwarePackageMeta, SoftwarePackageRow } from '../../src/contract/schemas.js';
import { buildRpm } from '../../src/modules/softwarePackage/index.js';
import { AUTH, mock, pathTypes } from '../helpers.js';

const sample = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/softwarePackage/${name}`, import.meta.url), 'utf8'));
const sorted = (s: Set<string>) => [...s].sort();
const AGENT = { name: 't-oceanbase-ocp-agent', version: '3.1.2', release: '20210812221645.alios7', arch: 'x86_64' };
const BOUNDARY = '----ocpMockBoundary7MA4YWxkTrZu0gW';

/** A multipart/form-data body with one file part. */
function form(fileName: string, bytes: Uint8Array, part = 'file'): Buffer {
  return Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part}"; filename="${fileName}"\r\nContent-Type: application/x-rpm\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

type Mock = ReturnType<typeof mock>;
async function upload(m: Mock, body: Uint8Array | string, o: { contentType?: string; lang?: string; user?: keyof typeof AUTH } = {}) {
  const headers: Record<string, string> = {
    authorization: AUTH[o.user ?? 'admin'],
    'content-type': o.contentType ?? `multipart/form-data; boundary=${BOUNDARY}`,
  };
  if (o.lang) headers['accept-language'] = o.lang;
  const res = await m.app.request('/api/v2/software-packages', { method: 'POST', headers, body });
  // biome-ignore lint/suspicious/noExplicitAny: tests poke into JSON freely
  return { status: res.status, json: (await res.json()) as any };
}
const list = async (m: Mock, query = 'size=100') => (await m.call('GET', `/api/v2/software-packages?${query}`)).json.data;

describe('software packages: the sample shapes', () => {
  it('lists as 100 prints, filtered and paged', async () => {
    const m = mock();
    const res = await m.call('GET', '/api/v2/software-packages?page=1&size=10&type=OCP_AGENT_INSTALL_PACKAGE');
    expect(res.status).toBe(200);
    expect(sorted(pathTypes(res.json.data))).toEqual(sorted(pathTypes(sample('list_response.json').data)));
    SoftwarePackageRow.array().parse(res.json.data.contents);
    // The sample's two agent rpms, under its ids.
    expect(res.json.data.contents.map((p: { id: number; fileName: string }) => [p.id, p.fileName])).toEqual([
      [10, 't-oceanbase-ocp-agent-2.4.0-1884049.alios7.x86_64.rpm'],
      [12, 't-oceanbase-ocp-agent-2.4.2-1898294.alios7.x86_64.rpm'],
    ]);
    expect(res.json.data.page).toEqual({ number: 1, size: 10, totalElements: 2, totalPages: 1 });
    expect((await list(m, 'keyword=OBPROXY')).contents.map((p: { name: string }) => p.name)).toEqual(['obproxy']);
    expect((await list(m, 'version=2.2.73&version=2.2.76')).page.totalElements).toBe(2);
    expect((await list(m, 'operatingSystem=alios7,el7&architecture=x86_64')).page.totalElements).toBe(6);
    expect((await list(m, 'architecture=aarch64')).page.totalElements).toBe(0);
    expect((await list(m, 'size=2&page=2&sort=version,desc')).contents.map((p: { version: string }) => p.version)).toEqual(['2.4.0', '2.2.76']);
  });

  it('refuses a bad list query as OCP does', async () => {
    const m = mock();
    expect((await m.call('GET', '/api/v2/software-packages?type=RPM')).json.error.code).toBe('COM10001');
    expect((await m.call('GET', '/api/v2/software-packages?size=2001')).json.error.code).toBe('COM10001');
    expect((await m.call('GET', '/api/v2/software-packages?sort=sha1')).json.error.code).toBe('COM10011');
    expect((await m.call('GET', '/api/v2/software-packages', { user: 'viewer' })).status).toBe(403);
  });

  it('uploads an rpm, reading its header, and answers as 200 prints', async () => {
    const m = mock();
    const bytes = buildRpm(AGENT, Buffer.alloc(1000, 7));
    // The file name the client gives is not the stored one: OCP names the package by its header (200's sample).
    const res = await upload(m, form('t-oceanbase-ocp-agent-3.1.2-20210812221.rpm', bytes));
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(sorted(pathTypes(res.json.data))).toEqual(sorted(pathTypes(sample('upload_response.json').data)));
    SoftwarePackageMeta.parse(res.json.data);
    expect(res.json.data).toMatchObject({
      name: 't-oceanbase-ocp-agent',
      fileName: 't-oceanbase-ocp-agent-3.1.2-20210812221645.alios7.x86_64.rpm',
      extension: 'rpm',
      version: '3.1.2',
      buildNumber: '20210812221645',
      operatingSystem: 'alios7',
      architecture: 'x86_64',
      type: 'OCP_AGENT_INSTALL_PACKAGE',
      size: bytes.length,
      sha1: createHash('sha1').update(bytes).digest('hex'),
      id: 13,
    });
    const listed = (await list(m)).contents.find((p: { id: number }) => p.id === 13);
    expect(listed).toMatchObject({ ...res.json.data, deletable: true, installationDataList: [] });
    // The same again: PKG10012, in both languages.
    const again = await upload(m, form('x.rpm', bytes));
    expect([again.status, again.json.error.code, again.json.error.message]).toEqual([
      400,
      'PKG10012',
      `Software package "${res.json.data.fileName}" already exists.`,
    ]);
    expect((await upload(m, form('x.rpm', bytes), { lang: 'zh-CN' })).json.error.message).toBe(`软件包"${res.json.data.fileName}"已存在`);
  });

  it('names an rpm whose headers do not parse by its file name, and takes a 1 MiB file', async () => {
    const m = mock();
    const bytes = Buffer.concat([Buffer.from([0xed, 0xab, 0xee, 0xdb]), Buffer.alloc(1024 * 1024, 1)]);
    const res = await upload(m, form('obproxy-3.2.3-20220310.el7.aarch64.rpm', bytes));
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.data).toMatchObject({
      name: 'obproxy',
      version: '3.2.3',
      buildNumber: '20220310',
      operatingSystem: 'el7',
      architecture: 'aarch64',
      type: 'OBPROXY_INSTALL_PACKAGE',
      size: bytes.length,
    });
  });

  it('refuses what is no package, in both languages, and changes nothing', async () => {
    const m = mock();
    const before = await list(m);
    const cases: [Uint8Array | string, string | undefined, string, string, string][] = [
      [
        form('notes.txt', Buffer.from('hello')),
        undefined,
        'PKG10003',
        'The file suffix check failed. The suffix is txt, but must be rpm.',
        '文件后缀校验错误，后缀为txt，应为rpm',
      ],
      [
        form('oceanbase-2.2.77-1.el7.x86_64.rpm', Buffer.from('plain text')),
        undefined,
        'PKG10004',
        'The true file type verification failed. The file type is unknown, but must be rpm.',
        '文件真实类型校验错误，类型为unknown，应为rpm',
      ],
      [
        form('garbage.rpm', Buffer.from([0xed, 0xab, 0xee, 0xdb, 0])),
        undefined,
        'PKG10006',
        'Failed to parse the software package information. Check the file type.',
        '解析软件包信息失败，请确认文件类型',
      ],
      [form('a.rpm', buildRpm({ ...AGENT, arch: 'i686' })), undefined, 'PKG10015', "Software architecture 'i686' not supported.", '不支持 i686 架构软件包'],
      [
        form('a.rpm', buildRpm({ ...AGENT, name: 'mysql-server' })),
        undefined,
        'PKG10013',
        expect.stringContaining('which is mysql-server'),
        expect.stringContaining('mysql-server'),
      ],
      [
        form('a.rpm', buildRpm({ ...AGENT, name: '-ocp-agent' })),
        undefined,
        'PKG10016',
        'Software package name -ocp-agent is invalid.',
        '软件包名 -ocp-agent 不合法',
      ],
      [form('a.rpm', buildRpm(AGENT), 'upload'), undefined, 'COM10001', expect.stringContaining('file'), expect.stringContaining('file')],
      ['{"file":"a.rpm"}', 'application/json', 'COM10001', expect.stringContaining('file'), expect.stringContaining('file')],
      [
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.rpm"\r\n\r\nno end`,
        undefined,
        'COM10001',
        expect.stringContaining('file'),
        expect.stringContaining('file'),
      ],
      ['', undefined, 'COM10001', expect.stringContaining('file'), expect.stringContaining('file')],
    ];
    for (const [body, contentType, code, en, zh] of cases) {
      const res = await upload(m, body, { contentType });
      expect([res.status, res.json.error.code, res.json.error.message], code).toEqual([400, code, en]);
      expect((await upload(m, body, { contentType, lang: 'zh-CN' })).json.error.message, code).toEqual(zh);
    }
    expect((await upload(m, form('a.rpm', buildRpm(AGENT)), { user: 'viewer' })).status).toBe(403);
    expect(await list(m)).toEqual(before);
  });

  it('takes an upload up to --max-upload-bytes, 413 beyond', async () => {
    const m = mock({ maxUploadBytes: 4096 });
    expect((await upload(m, form('a.rpm', buildRpm(AGENT, Buffer.alloc(2000))))).status).toBe(200);
    const over = await upload(m, form('b.rpm', buildRpm({ ...AGENT, version: '3.1.3' }, Buffer.alloc(5000))));
    expect([over.status, over.json.error.code]).toEqual([413, 'COM10003']);
  });
});

describe('software packages: delete', () => {
  it('deletes as 300 prints; a package that is not there is PKG10014', async () => {
    const m = mock();
    const res = await m.call('DELETE', '/api/v2/software-packages/10');
    expect(res.status).toBe(200);
    expect(sorted(pathTypes(res.json))).toEqual(sorted(pathTypes(sample('delete_response.json'))));
    expect((await list(m)).contents.map((p: { id: number }) => p.id)).not.toContain(10);
    const gone = await m.call('DELETE', '/api/v2/software-packages/10');
    expect([gone.status, gone.json.error.code, gone.json.error.message]).toEqual([404, 'PKG10014', 'Software package 10 does not exist.']);
    expect((await m.call('DELETE', '/api/v2/software-packages/10', { headers: { 'accept-language': 'zh-CN' } })).json.error.message).toBe('软件包 10 不存在');
    expect((await m.call('DELETE', '/api/v2/software-packages/abc')).json.error.code).toBe('COM10001');
  });

  it('refuses to delete a package a cluster runs (PKG10007), changing nothing', async () => {
    const m = mock();
    const before = await list(m);
    const byVersion = (v: string) => before.contents.find((p: { version: string }) => p.version === v);
    // The seeded clusters run 2.2.73 and 2.2.76; nobody runs 2.2.75.
    expect([byVersion('2.2.73').deletable, byVersion('2.2.76').deletable, byVersion('2.2.75').deletable]).toEqual([false, false, true]);
    for (const v of ['2.2.73', '2.2.76']) {
      const res = await m.call('DELETE', `/api/v2/software-packages/${byVersion(v).id}`);
      expect([res.status, res.json.error.code, res.json.error.message]).toEqual([400, 'PKG10007', 'Operation failed. The software package is in use.']);
    }
    const zh = await m.call('DELETE', `/api/v2/software-packages/${byVersion('2.2.73').id}`, { headers: { 'accept-language': 'zh-CN' } });
    expect(zh.json.error.message).toBe('操作失败，软件包当前正在使用中');
    expect(await list(m)).toEqual(before);
    expect((await m.call('DELETE', `/api/v2/software-packages/${byVersion('2.2.75').id}`)).status).toBe(200);
  });
});

describe('software packages: what cluster create and upgrade may name', () => {
  it('takes an rpm the package list holds, PKG10000 for one it lacks', async () => {
    const m = mock();
    const rpm77 = 'oceanbase-2.2.77-20210301000000.el7.x86_64.rpm';
    const upgrade = (rpmFileName: string) => m.call('POST', '/api/v2/ob/clusters/1000002/upgrade', { body: { rpmFileName } });
    // A well-named OceanBase rpm nobody uploaded: refused, as is 2.2.75 once deleted.
    const missing = await upgrade(rpm77);
    expect([missing.status, missing.json.error.code, missing.json.error.message]).toEqual([404, 'PKG10000', `The rpm:${rpm77} file does not exist.`]);
    expect((await m.call('DELETE', '/api/v2/software-packages/2')).status).toBe(200);
    expect((await upgrade('oceanbase-2.2.75-20210108170301.el7.x86_64.rpm')).json.error.code).toBe('PKG10000');
    const created = await m.call('POST', '/api/v2/ob/clusters', {
      body: { name: 'c77', rpmName: rpm77, type: 'PRIMARY', password: 'xxxxx', zones: [{ name: 'zone1', idcName: 'bj-idc1', servers: [1007] }] },
    });
    expect(created.json.error.code).toBe('PKG10000');
    // Uploaded, it may be named.
    expect((await upload(m, form('x.rpm', buildRpm({ name: 'oceanbase', version: '2.2.77', release: '20210301000000.el7', arch: 'x86_64' })))).status).toBe(
      200,
    );
    expect((await upgrade(rpm77)).status).toBe(200);
  });
});

describe('software packages: the state file and the seed', () => {
  it('keeps uploads and deletes across a restart (kill -9) and a compaction; a reset restores the seed', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'ocp-mock-pkg-')), 'state.jsonl');
    const first = mock({ stateFile });
    const seeded = await list(first);
    expect((await upload(first, form('a.rpm', buildRpm(AGENT)))).status).toBe(200);
    expect((await first.call('DELETE', '/api/v2/software-packages/12')).status).toBe(200);
    const after = await list(first);
    // No close: the first process is simply left, as a kill -9 would.
    const second = mock({ stateFile });
    expect(await list(second)).toEqual(after);
    second.simulator.compactStateFile();
    expect(readFileSync(stateFile, 'utf8')).toContain('"c":"softwarePackages"');
    const third = mock({ stateFile });
    expect(await list(third)).toEqual(after);
    // The next upload takes the next id after a restart too.
    expect((await upload(third, form('b.rpm', buildRpm({ ...AGENT, version: '3.1.3' })))).json.data.id).toBe(14);
    expect((await third.call('POST', '/__mock/reset')).status).toBe(200);
    expect(await list(third)).toEqual(seeded);
  });

  it('draws the same packages from the same seed, others from another', async () => {
    const [a, b, c] = [mock({ seed: 7 }), mock({ seed: 7 }), mock({ seed: 8 })];
    expect(await list(a)).toEqual(await list(b));
    expect((await list(a)).contents.map((p: { sha1: string }) => p.sha1)).not.toEqual((await list(c)).contents.map((p: { sha1: string }) => p.sha1));
  });
});
