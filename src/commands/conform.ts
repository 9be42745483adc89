/**
 * `ocp-mock conform --target URL --user U:P`: where the simulator differs from a real OCP
 * (src/conform/run.ts). Exit 0: no difference; 1: a difference (or the target could not be asked);
 * 2: a bad flag. It sends the target GET requests only, and never prints the credentials.
 */
import { buildOcpMock } from '../app.js';
import { ConfigError } from '../config.js';
import { ConformError, conform, formatConform, readRoutes } from '../conform/run.js';
import { listen } from '../server.js';
import { globToRegExp } from '../stubs/record.js';
import { trustWith } from '../tls.js';
import { booleanVariable, type FlagValues, serverFlags, setting } from './flags.js';
import { tlsCa } from './tlsFlags.js';
import { UsageError } from './usage.js';

function credentials(flag: string, text: string): { user: string; password: string } {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new ConfigError(flag, 'USER:PASSWORD', '(hidden)');
  return { user: text.slice(0, colon), password: text.slice(colon + 1) };
}

function baseUrl(flag: string, text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(flag, 'an http(s) URL such as https://ocp.example.com:8080', text.replace(/\/\/[^@/]*@/, '//***@'));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(flag, 'an http(s) URL such as https://ocp.example.com:8080', url.protocol);
  if (url.username || url.password) throw new ConfigError(flag, 'a URL without credentials (give them with --user)', `${url.protocol}//***@${url.host}`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function bounded(flag: string, text: string | undefined, fallback: number, max: number, whole: boolean): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !Number.isFinite(n) || n <= 0 || n > max || (whole && !Number.isInteger(n))) {
    throw new ConfigError(flag, `a ${whole ? 'whole ' : ''}number from ${whole ? 1 : 'above 0'} to ${max}`, text);
  }
  return n;
}

export async function conformCommand(positionals: string[], values: FlagValues): Promise<number> {
  if (positionals.length > 0) throw new UsageError('conform takes no positional arguments');
  const targetText = setting(values, 'target');
  if (!targetText) throw new UsageError('conform needs --target URL, the OCP to compare with');
  const target = baseUrl('target', targetText);
  const userText = setting(values, 'user');
  if (!userText) throw new UsageError('conform needs --user USER:PASSWORD, a user of the target (a viewer is enough)');
  const creds = credentials('user', userText);
  const maxRequests = bounded('max-requests', setting(values, 'max-requests'), 100, 10_000, true);
  const rate = bounded('rate', setting(values, 'rate'), 5, 1000, false);
  const include = (values.include ?? []).map(globToRegExp);
  if (include.length > 0 && readRoutes(include).length === 0) {
    throw new ConfigError(
      'include',
      `a glob matching a simulated read route, e.g. '/api/v2/compute/**' (${readRoutes()
        .map((r) => r.path)
        .join(', ')})`,
      values.include?.join(' '),
    );
  }
  const ca = trustWith(tlsCa((name) => setting(values, name)));
  const simulatorCreds = credentials('base-user', setting(values, 'base-user') ?? 'admin:admin');
  const baseText = setting(values, 'base-url');
  let simulatorUrl: string;
  let close: (() => Promise<void>) | undefined;
  if (baseText) simulatorUrl = baseUrl('base-url', baseText);
  else {
    // A simulator of our own, with one task so the task routes have something to compare (written here, never to the target).
    const server = serverFlags(values);
    // Its clock is manual unless --clock says otherwise (an absent flag is undefined in the options and
    // must not override it: a real clock let its task run on while a long comparison went on).
    const mock = buildOcpMock({ ...server.options, clock: server.options.clock ?? 'manual', logLevel: 'silent', stateFile: undefined });
    const listening = await listen(mock, '127.0.0.1', 0);
    simulatorUrl = listening.url;
    close = () => listening.close(1000);
    const [first] = mock.simulator.hosts();
    if (first) {
      await mock.app.request('/api/v2/compute/hosts/batchStopAgents', {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${simulatorCreds.user}:${simulatorCreds.password}`).toString('base64')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ hostIds: [2] }),
      });
    }
  }
  try {
    const result = await conform({
      target: { baseUrl: target, ...creds },
      simulator: { baseUrl: simulatorUrl, ...simulatorCreds },
      include,
      maxRequests,
      rate,
      ...(ca ? { ca } : {}),
    });
    process.stdout.write(values.json || booleanVariable('json', process.env.OCP_MOCK_JSON) ? `${JSON.stringify(result, null, 2)}\n` : formatConform(result));
    return result.differences > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof ConformError) {
      process.stderr.write(`ocp-mock conform: ${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    await close?.();
  }
}
