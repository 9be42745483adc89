/**
 * What adding hosts costs, and that it does not grow with the inventory: one 1000-host batchCreate,
 * then 200 one-host ones, on 12 and on 200,000 seeded hosts, through the Hono app in-process (the
 * one request path; no socket, so the figures are the server's own work). `npm run bench:hosts`.
 */
import { buildOcpMock } from '../src/app.js';

const AUTH = `Basic ${Buffer.from('admin:admin').toString('base64')}`;
const request = (ips: string[]) => ({
  hostBasicDataList: ips.map((innerIpAddress) => ({ innerIpAddress })),
  sshPort: 22,
  kind: 'DEDICATED_PHYSICAL_MACHINE',
  idcId: 11,
  typeId: 1,
  credentialId: 1,
});

const rows: string[] = [];
for (const hosts of [12, 200_000]) {
  const { app, simulator } = buildOcpMock({ clock: 'manual', hosts });
  const add = async (ips: string[]) => {
    const res = await app.request('/api/v2/compute/hosts/batchCreate', {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/json' },
      body: JSON.stringify(request(ips)),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`batchCreate answered ${res.status}: ${text.slice(0, 200)}`);
    return text;
  };
  // Warm up (and build the address index once).
  await add(['192.0.2.1']);
  let t = performance.now();
  const big = await add(Array.from({ length: 1000 }, (_, i) => `10.${i >> 8}.${i & 255}.9`));
  const bigMs = performance.now() - t;
  t = performance.now();
  for (let k = 0; k < 200; k++) await add([`11.0.${k}.1`]);
  const oneMs = (performance.now() - t) / 200;
  rows.push(
    `| ${hosts.toLocaleString('en')} | ${bigMs.toFixed(0)} ms (${(big.length / 1024).toFixed(0)} KiB) | ${oneMs.toFixed(2)} ms | ${simulator.hosts().length.toLocaleString('en')} |`,
  );
}
console.log('| seeded hosts | 1000-host batchCreate | one-host batchCreate (mean of 200) | hosts after |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(r);
