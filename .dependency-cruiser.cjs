/**
 * Which way imports run in src/, checked in CI (`npm run check:imports`). The layers, lowest first:
 *
 *   util, contract           OCP's wire conventions and helpers: import nothing above them
 *   engine                   PURE: operations as data, plans, a task at an instant (no I/O)
 *   scenarios, stubs         the scenario and stub file formats and registries
 *   core                     the world without any module: clock, commit, persistence, tasks, views
 *   modules/<module>         one folder per OCP module; a module uses another only through its
 *                            index.ts, and only downward: agent -> obCluster -> compute -> task
 *                            (obCluster may use compute and task; compute and task never obCluster)
 *   simulator                one simulated OCP: the world with every module on it
 *   http                     the Hono adapter; its gate knows no module
 *   app, server, index, cli, config, commands, pact, conform, watch   the top
 *
 * Type-only imports count too (tsPreCompilationDeps): a type that points upward is a dependency
 * that points upward.
 */
const TOP = '^src/(commands|pact|conform|watch)/|^src/(app|cli|config|index|server|tls)\\.ts$';

/** `from` may import nothing of `to`. */
const layer = (name, comment, from, to) => ({ name, comment, severity: 'error', from: { path: from }, to: { path: to } });

module.exports = {
  forbidden: [
    {
      name: 'no-circular-folders',
      comment: 'Two folders that import each other: they are one part, or one of them should be told (dependency inversion).',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-circular-across-folders',
      comment: "A cycle of imports that leaves its folder. (Within a folder, types that name each other are one folder's business.)",
      severity: 'error',
      from: { path: '^(src/(?:modules/)?[^/]+)/' },
      to: { circular: true, via: { pathNot: '^$1/' } },
    },
    {
      name: 'no-circular-at-the-top',
      comment: 'The files at the top of src/ (app, cli, server, ...) form no cycle.',
      severity: 'error',
      from: { path: '^src/[^/]+\\.ts$' },
      to: { circular: true },
    },
    layer('util-is-a-leaf', 'src/util holds helpers that know nothing of ocp-mock.', '^src/util/', '^src/(?!util/)'),
    layer('contract-is-the-bottom', "OCP's wire conventions import only helpers.", '^src/contract/', '^src/(?!(contract|util)/)'),
    layer('engine-is-pure', 'The engine imports only the contract and utilities.', '^src/engine/', '^src/(?!(engine|contract|util)/)'),
    {
      name: 'engine-does-no-io',
      comment: 'The engine is pure: no file system, no network, no processes (time is an input).',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { dependencyTypes: ['core'] },
    },
    layer('formats-below-core', 'Scenario and stub files know no world and no module.', '^src/(scenarios|stubs)/', `^src/(core|modules|simulator|http)/|${TOP}`),
    layer('core-knows-no-module', 'The shared core knows no module (modules register themselves with it).', '^src/core/', `^src/(modules|simulator|http|stubs)/|${TOP}`),
    layer('modules-below-http', 'A module knows no transport and no composition.', '^src/modules/', `^src/(simulator|http|stubs)/|${TOP}`),
    {
      name: 'module-through-its-index',
      comment: "A module uses another only through what that module exports (its index.ts), never its files.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    layer('task-module-is-lowest', 'Every module answers tasks; the task module asks none of them.', '^src/modules/task/', '^src/modules/(?!task/)'),
    layer('compute-below-agent', 'Agents run on hosts: the host module does not ask the agent module (it is told).', '^src/modules/compute/', '^src/modules/(agent|system)/'),
    layer(
      'compute-below-obcluster',
      'OB servers run on hosts: the host module does not ask the cluster module (it is told, useServices).',
      '^src/modules/compute/',
      '^src/modules/obCluster/',
    ),
    layer('obcluster-below-agent', 'The cluster module uses the host and task modules only (agents are told nothing by it).', '^src/modules/obCluster/', '^src/modules/(agent|system)/'),
    layer(
      'software-package-is-told',
      'Clusters run packages: the package module asks no other module (the cluster module tells it, usePackageUsers).',
      '^src/modules/softwarePackage/',
      '^src/modules/(?!softwarePackage/)',
    ),
    layer('system-is-alone', 'The probes need no other module.', '^src/modules/system/', '^src/modules/(?!system/)'),
    layer('simulator-below-http', 'One simulated OCP, without transport.', '^src/simulator/', `^src/http/|${TOP}`),
    layer(
      'gate-knows-no-module',
      'The gate (and what it is made of) serves any call: it knows no module and no composition.',
      '^src/http/(gate|envelope|exchanges|journal|requestBody|requestPolicy|requestState|auth|signature|queryCache)\\.ts$',
      '^src/(modules|simulator)/',
    ),
    layer('http-asks-the-modules', 'The HTTP layer asks the modules (their calls, queries and renderers), never the engine itself.', '^src/http/', '^src/engine/'),
    layer('http-below-the-top', 'The Hono adapter is used by the app, not the other way round.', '^src/http/', TOP),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
