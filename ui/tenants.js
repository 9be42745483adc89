// The OB tenants panel: the chosen cluster's tenants (name, mode, status, locked, primary zone),
// each tenant's units on the servers with their pool's unit configuration, and what each server of
// the cluster holds and has free; all from the pushed snapshot, like the clusters panel. Its buttons
// and its create form call OCP's own API (/api/v2/ob/clusters/{id}/tenants/...) as the user and in
// the scenario the clusters panel names; the task a call answers opens in the DAG panel, a refusal
// shows OCP's error as the call answered it.

import { ocp } from './clusters.js';

const $ = (id) => document.getElementById(id);

/** The panel's message line: what was submitted, or the OCP error a call answered. */
function say(text, error = false) {
  const line = $('tenant-message');
  line.textContent = text;
  line.classList.toggle('error', error);
}

function text(className, content) {
  const span = document.createElement('span');
  span.className = className;
  span.textContent = content;
  return span;
}

function row(...parts) {
  const div = document.createElement('div');
  div.className = 'row';
  div.append(...parts);
  return div;
}

function cells(tr, values) {
  for (const v of values) {
    const td = document.createElement('td');
    td.append(v);
    tr.append(td);
  }
  return tr;
}

function headRow(names) {
  const thead = document.createElement('thead');
  const tr = document.createElement('tr');
  for (const n of names) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = n;
    tr.append(th);
  }
  thead.append(tr);
  return thead;
}

/** `free of capacity unit`: what a server has left, beside what it has. */
const share = (free, capacity, unit) => `${free} of ${capacity}${unit}`;
/** A range `min–max` where a pool's minimum and maximum differ (the sys pool's), else the one value. */
const range = (min, max, unit) => (min === max ? `${max}${unit}` : `${min}–${max}${unit}`);
/** ` core` after exactly one, else ` cores`. */
const cores = (n) => (n === 1 ? ' core' : ' cores');

/**
 * The panel, given the page's helpers: `badge(status)`, `renderList(key, container, items, build)`,
 * `select(taskId)` (opens a task's DAG), `announce(text)`.
 */
export function tenantsPanel(h) {
  let latest;
  /** A delete answers no task (ocp-docs/tenant/600): its task opens once the snapshot names the tenant's newer one. */
  let awaitingDelete;
  let specsLoaded = false;
  let specsAsked = false;

  const clusterId = () => Number($('tenant-cluster').value) || undefined;
  const clusterOf = (state, id) => (state.clusters ?? []).find((c) => c.id === id);

  async function run(what, call, { task } = {}) {
    try {
      const answer = await call();
      if (task) {
        const { id, name } = task(answer);
        say(`Submitted task ${id} (${name}): ${what}`);
        h.announce(`Submitted task ${id}`);
        h.select(id);
      } else {
        say(`Done: ${what}`);
        h.announce(`Done: ${what}`);
      }
      return true;
    } catch (e) {
      say(`${what} refused: ${e.message}`, true);
      return false;
    }
  }

  function button(label, key, aria, onClick, className) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.dataset.key = key;
    b.setAttribute('aria-label', aria);
    if (className) b.className = className;
    b.addEventListener('click', onClick);
    return b;
  }

  function buildTenant(t) {
    const cid = t.clusterId;
    const base = `/ob/clusters/${cid}/tenants/${t.id}`;
    const article = document.createElement('article');
    article.className = 'tenant';
    article.dataset.tenant = t.id;
    article.setAttribute('aria-label', `Tenant ${t.name}, ${t.status}${t.locked ? ', locked' : ''}`);
    const title = document.createElement('h3');
    title.textContent = t.name;
    const lockVerb = t.locked ? 'unlock' : 'lock';
    const lockLabel = t.locked ? 'Unlock' : 'Lock';
    const ops = document.createElement('span');
    ops.className = 'ops';
    ops.append(
      button(lockLabel, `${base}/${lockVerb}`, `${lockLabel} tenant ${t.name}`, () =>
        run(`${lockVerb} tenant ${t.name}`, () => ocp('POST', `${base}/${lockVerb}`)),
      ),
      button(
        'Delete',
        `${base}/delete`,
        `Delete tenant ${t.name}`,
        async () => {
          if (!confirm(`Delete tenant ${t.name}?`)) return;
          const ok = await run(`delete tenant ${t.name}`, () => ocp('DELETE', base));
          if (ok) awaitingDelete = { tenantId: t.id, before: t.taskId };
        },
        'danger',
      ),
    );
    if (t.taskId) ops.append(button(`Task ${t.taskId}`, `${base}/task`, `Show task ${t.taskId} of tenant ${t.name}`, () => h.select(t.taskId), 'link'));
    const lock = text(`lock ${t.locked ? 'locked' : 'unlocked'}`, t.locked ? 'locked' : 'unlocked');
    article.append(
      row(title, h.badge(t.status), lock, ops),
      text('facts', `id ${t.id} · ${t.mode} · primary zone ${t.primaryZone}`),
    );
    const table = document.createElement('table');
    table.className = 'units';
    const caption = document.createElement('caption');
    caption.className = 'visually-hidden';
    caption.textContent = `Units of tenant ${t.name}`;
    const body = document.createElement('tbody');
    for (const u of t.units) {
      const tr = cells(document.createElement('tr'), [
        u.zoneName,
        `${u.serverId} ${u.serverIp}:${u.serverPort}`,
        u.spec,
        range(u.minCpu, u.maxCpu, cores(u.maxCpu)),
        range(u.minMemory, u.maxMemory, ' GB'),
        `${u.logDisk} GB`,
      ]);
      tr.dataset.unit = u.id;
      body.append(tr);
    }
    if (t.units.length === 0) {
      const tr = document.createElement('tr');
      const td = document.createElement('td');
      td.colSpan = 6;
      td.className = 'hint';
      td.textContent = 'no unit listed yet';
      tr.append(td);
      body.append(tr);
    }
    table.append(caption, headRow(['Zone', 'Server', 'Unit spec', 'CPU', 'Memory', 'Log disk']), body);
    article.append(table);
    return article;
  }

  function buildServer(s) {
    const tr = cells(document.createElement('tr'), [
      `${s.id} ${s.ip}:${s.port}`,
      s.zoneName,
      h.badge(s.status),
      share(s.free.cpu, s.capacity.cpu, cores(s.capacity.cpu)),
      share(s.free.memory, s.capacity.memory, ' GB'),
      share(s.free.logDisk, s.capacity.logDisk, ' GB'),
    ]);
    tr.dataset.server = s.id;
    return tr;
  }

  /** The cluster picker, kept while its clusters are unchanged (a choice survives a push). */
  function fillClusters(clusters) {
    const pick = $('tenant-cluster');
    const key = JSON.stringify(clusters.map((c) => [c.id, c.name, c.type]));
    if (pick.dataset.key === key) return;
    pick.dataset.key = key;
    const choice = pick.value;
    pick.replaceChildren(...clusters.map((c) => new Option(`${c.name} (#${c.id}, ${c.type})`, String(c.id))));
    if (clusters.some((c) => String(c.id) === choice)) pick.value = choice;
  }

  /** The create form's zones: the chosen cluster's, all ticked at first; a choice survives a push. */
  function fillZones(cluster) {
    const box = $('new-tenant-zones');
    const zones = cluster?.zones ?? [];
    const key = `${cluster?.id}:${zones.map((z) => `${z.name}/${z.servers.length}`).join()}`;
    if (box.dataset.key === key) return;
    const sameCluster = box.dataset.cluster === String(cluster?.id);
    box.dataset.key = key;
    box.dataset.cluster = String(cluster?.id);
    const unticked = new Set(sameCluster ? [...box.querySelectorAll('input:not(:checked)')].map((i) => i.value) : []);
    box.replaceChildren(
      ...(zones.length
        ? zones.map((z) => {
            const label = document.createElement('label');
            const input = document.createElement('input');
            input.type = 'checkbox';
            input.value = z.name;
            input.checked = !unticked.has(z.name);
            label.append(input, ` ${z.name} (${z.servers.length} server${z.servers.length === 1 ? '' : 's'})`);
            return label;
          })
        : [text('hint', 'no zone')]),
    );
  }

  /** The unit specifications as OCP lists them (`GET /api/v2/ob/unitSpecs`), asked once they are needed. */
  async function loadSpecs() {
    if (specsLoaded) return;
    specsLoaded = true;
    try {
      const { data } = await ocp('GET', '/ob/unitSpecs?size=100');
      const pick = $('new-tenant-spec');
      pick.replaceChildren(
        ...data.contents.map(
          (s) => new Option(`${s.name} (${range(s.minCpuCoreCount, s.maxCpuCoreCount, cores(s.maxCpuCoreCount))}, ${range(s.minMemorySize, s.maxMemorySize, ' GB')})`, s.name),
        ),
      );
    } catch (e) {
      specsLoaded = false;
      say(`unit specifications not listed: ${e.message}`, true);
    }
  }

  /** The body of POST .../tenants/createTenant (ocp-docs/tenant/400): the form's fields, each chosen zone one FULL replica of the spec and count. */
  function createBody() {
    const unitSpecName = $('new-tenant-spec').value;
    const unitCount = Number($('new-tenant-units').value);
    const body = {
      name: $('new-tenant-name').value.trim(),
      mode: $('new-tenant-mode').value,
      rootPassword: $('new-tenant-password').value,
      zones: [...document.querySelectorAll('#new-tenant-zones input:checked')].map((i) => ({
        name: i.value,
        replicaType: 'FULL',
        resourcePool: { unitSpecName, unitCount },
      })),
    };
    const primaryZone = $('new-tenant-primary-zone').value.trim();
    if (primaryZone) body.primaryZone = primaryZone;
    return body;
  }

  $('tenant-cluster').addEventListener('change', () => latest && render(latest));
  $('create-tenant').addEventListener('toggle', () => void loadSpecs());
  $('create-tenant-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const id = clusterId();
    const body = createBody();
    const cluster = latest && clusterOf(latest, id);
    await run(`create tenant ${body.name} in ${cluster?.name ?? `cluster ${id}`}`, () => ocp('POST', `/ob/clusters/${id}/tenants/createTenant`, body), {
      task: (answer) => answer.data,
    });
  });

  function render(state) {
    latest = state;
    // Asked at the first push, once the clusters panel has its scenario (the header every OCP call carries).
    if (!specsAsked) {
      specsAsked = true;
      void loadSpecs();
    }
    const clusters = state.clusters ?? [];
    fillClusters(clusters);
    const id = clusterId();
    const cluster = clusterOf(state, id);
    const entry = (state.tenants ?? []).find((x) => x.clusterId === id) ?? { clusterId: id, tenants: [], servers: [] };
    const tenants = entry.tenants.map((t) => ({ ...t, clusterId: id }));
    $('tenant-count').textContent = `(${tenants.length})`;
    $('tenant-servers-title').textContent = `Servers of ${cluster?.name ?? 'the cluster'}: free of capacity`;
    h.renderList('tenants', $('tenant-list'), tenants, buildTenant);
    h.renderList(
      'tenantServers',
      $('tenant-server-rows'),
      entry.servers.map((s) => ({ ...s, clusterId: id })),
      buildServer,
    );
    fillZones(cluster);
    // A delete's task: the tenant's newer task, once the snapshot names it.
    if (awaitingDelete) {
      const t = tenants.find((x) => x.id === awaitingDelete.tenantId);
      if (t?.taskId && t.taskId !== awaitingDelete.before) {
        h.select(t.taskId);
        say(`Submitted task ${t.taskId}: delete tenant ${t.name}`);
        awaitingDelete = undefined;
      } else if (!t) awaitingDelete = undefined;
    }
  }

  return { render };
}
