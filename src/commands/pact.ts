/** `ocp-mock pact verify|publish`. Resolves with the exit code. */
import { publishPacts } from '../pact/publish.js';
import { formatReport } from '../pact/report.js';
import { verifyPacts } from '../pact/verify.js';
import { type FlagValues, serverFlags, setting } from './flags.js';
import { tlsCa } from './tlsFlags.js';
import { UsageError } from './usage.js';

export async function pactCommand(positionals: string[], values: FlagValues): Promise<number> {
  const [verb, ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(`unexpected ${JSON.stringify(rest[0])}`);
  if (verb === 'verify') {
    const pacts = values.pact ?? [];
    if (pacts.length === 0) throw new UsageError('pact verify needs at least one --pact FILE|URL');
    const baseUrl = values['base-url'];
    if (baseUrl !== undefined && !/^https?:\/\/[^/]+/.test(baseUrl))
      throw new UsageError(`--base-url: expected an http(s) URL, got ${JSON.stringify(baseUrl)}`);
    const server = serverFlags(values).options;
    const ca = tlsCa((name) => setting(values, name));
    const result = await verifyPacts({
      pacts,
      baseUrl,
      adminToken: server.adminToken,
      ...(ca ? { ca } : {}),
      server: { ...server, logLevel: 'silent', stateFile: undefined },
    });
    process.stdout.write(`\nocp-mock pact verify against ${result.baseUrl}\n${formatReport(result.message, result.stateProblems)}\n`);
    return result.ok ? 0 : 1;
  }
  if (verb === 'publish') {
    const brokerUrl = values['broker-url'];
    const consumerAppVersion = values['consumer-app-version'];
    if (!brokerUrl) throw new UsageError('pact publish needs --broker-url URL');
    if (!consumerAppVersion) throw new UsageError('pact publish needs --consumer-app-version V');
    return publishPacts({ brokerUrl, consumerAppVersion, branch: values.branch, token: values.token, pactsDir: values['pacts-dir'] });
  }
  throw new UsageError(`unknown pact command ${JSON.stringify(verb ?? '')}: expected verify or publish`);
}
