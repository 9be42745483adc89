/**
 * Issue 5, point 5: `ocp-mock pact publish` through pact-cli's `pact broker publish`. No real
 * broker runs here, so a local endpoint speaking the broker's publish API records what arrives.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../e2e/cli.js';

interface Received {
  method: string;
  url: string;
  authorization?: string;
  body: string;
}

async function fakeBroker() {
  const received: Received[] = [];
  const server = http.createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    received.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/hal+json');
    if (req.method === 'GET' && req.url === '/') {
      res.end(JSON.stringify({ _links: { 'pb:publish-contracts': { href: `${base}/contracts/publish` } } }));
    } else if (req.method === 'POST' && req.url === '/contracts/publish') {
      res.end(
        JSON.stringify({
          notices: [{ type: 'success', text: 'Created' }],
          _embedded: { pacticipant: { name: 'ocp-reference-client' }, version: { number: '1.2.3' } },
          _links: {},
        }),
      );
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, close: () => server.close() };
}

describe('ocp-mock pact publish', () => {
  it('publishes pacts/ with the version, branch and token given', async () => {
    const broker = await fakeBroker();
    try {
      const { code } = await runCli([
        'pact',
        'publish',
        '--broker-url',
        broker.url,
        '--consumer-app-version',
        '1.2.3',
        '--branch',
        'main',
        '--token',
        's3cret',
      ]);
      expect(code).toBe(0);
      const publish = broker.received.find((r) => r.method === 'POST');
      expect(publish?.url).toBe('/contracts/publish');
      expect(publish?.authorization).toBe('Bearer s3cret');
      const body = JSON.parse(publish!.body);
      expect(body).toMatchObject({ pacticipantName: 'ocp-reference-client', pacticipantVersionNumber: '1.2.3', branch: 'main' });
      expect(body.contracts).toHaveLength(1);
      const contract = body.contracts[0];
      expect(contract).toMatchObject({ consumerName: 'ocp-reference-client', providerName: 'ocp', specification: 'pact', contentType: 'application/json' });
      const committed = JSON.parse(readFileSync(fileURLToPath(new URL('../../pacts/ocp-reference-client-ocp.json', import.meta.url)), 'utf8'));
      const published = JSON.parse(Buffer.from(contract.content, 'base64').toString('utf8'));
      // pact-cli re-serializes the file and stamps its own library version into metadata.pactRust.
      expect(published.interactions).toEqual(committed.interactions);
      expect([published.consumer, published.provider]).toEqual([committed.consumer, committed.provider]);
    } finally {
      broker.close();
    }
  });

  it('needs --broker-url and --consumer-app-version', async () => {
    const a = await runCli(['pact', 'publish', '--consumer-app-version', '1']);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('--broker-url');
    const b = await runCli(['pact', 'publish', '--broker-url', 'http://127.0.0.1:9']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('--consumer-app-version');
  });
});
