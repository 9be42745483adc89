/** The CLI's help text and its usage error (exit 2). */
export const USAGE = `Usage: ocp-mock [options]                      start the simulator
       ocp-mock scenarios list [--scenarios-dir DIR]
       ocp-mock scenarios validate [DIR]
       ocp-mock stubs list|validate DIR [DIR ...]
       ocp-mock record --target URL --out DIR [--port P] [--host H] [--include PATH_GLOB ...] [--tls-ca FILE]
       ocp-mock pact verify --pact FILE|URL [--pact ...] [--base-url URL] [--tls-ca FILE] [server options]
       ocp-mock conform --target URL --user U:P [--json] [--include PATH_GLOB ...] [--max-requests N] [--rate R]
                        [--base-url URL] [--base-user U:P] [--tls-ca FILE] [server options]
       ocp-mock pact publish --broker-url URL --consumer-app-version V [--branch B] [--token T] [--pacts-dir DIR]
       ocp-mock coverage [--json]                      which documented OCP calls are simulated, which only stubs answer

Server options (each also an environment variable, e.g. --port as OCP_MOCK_PORT):
  --host H             address to bind (default 127.0.0.1)
  --port P             port, 0 for any free one (default 8080)
  --seed N             seed for ids, hosts and durations (default 1)
  --tz OFFSET          UTC offset of every printed time (default +08:00)
  --hosts N            hosts in the inventory, at least 4 (default 12)
  --clusters N         seeded OB clusters, at least 3 (default 3: the documented ones)
  --clock MODE         real (default) or manual
  --speed X            with the real clock, simulated seconds per real second (default 1)
  --start-time ISO     simulated instant to start at (default now)
  --scenario NAME      default scenario (default success)
  --scenarios-dir DIR  extra scenario files (repeatable)
  --operations-dir DIR operations of your own, YAML or JSON files (repeatable)
  --stubs-dir DIR      stubs: calls answered as YAML or JSON files say (repeatable)
  --users FILE         JSON users file replacing admin/operator/viewer
  --server-address A   address printed as server and executor
  --log-level L        silent, error, warn, info (default) or debug: one line per request on stderr
  --log-format F       pretty (default) or json
  --max-tasks N        tasks kept; beyond it the oldest finished go (default 100000)
  --max-upload-bytes N largest software-package upload body (default 67108864)
  --state-file PATH    keep tasks, actions, hosts, clock and scenario across restarts
  --admin-token T      let callers that present T use /__mock/* (default: loopback callers only)
  --cors ORIGIN        allow a browser origin (repeatable; default: CORS off)
  --tls self-signed    serve HTTPS with a key and certificate made for the run; prints the certificate's path
  --tls-cert FILE      serve HTTPS with this PEM certificate (and --tls-key)
  --tls-key FILE       the PEM private key of --tls-cert
  --tls-cert-out FILE  where --tls self-signed writes its certificate (default: a new temporary folder)
  --tls-ca FILE        (record, pact verify, conform) trust this PEM certificate for an https:// target
  --watch              read the scenarios, operations and stubs directories again when their files change
  -h, --help           this help

conform (GET requests only; exit 1 on a difference):
  --target URL         the OCP to compare with; --user U:P a user of it (a viewer is enough; never printed)
  --json               the result as JSON, for CI
  --include GLOB       only the routes matching (repeatable), e.g. '/api/v2/compute/**'
  --max-requests N     at most N requests to the target (default 100)
  --rate R             at most R requests a second to the target (default 5)
  --base-url URL       compare with this running simulator (default: one started here); --base-user U:P (default admin:admin)
`;

export class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\n\n${USAGE}`);
    this.name = 'UsageError';
  }
}
