// The OB clusters panel: each cluster with its zones and their servers on their hosts, statuses
// from the pushed snapshot, and buttons that call OCP's own API (/api/v2/ob/clusters/...) as the
// user named in the panel, in the chosen scenario: the same gate, journal, stubs and refusals
// as any client. The task an operation answers opens in the DAG panel.

const $ = (id) => document.getElementById(id);
const VERBS = [
  ['stop', 'Stop'],
  ['start', 'Start'],
  ['restart', 'Restart'],
];

/** `Basic` credentials for any username (btoa takes Latin-1 only: encode as UTF-8 first). */
function basic(user, password) {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

/** The panel's message line: what was submitted, or the OCP error a call answered. */
function say(text, error = false) {
  const line = $('cluster-message');
  line.textContent = text;
  line.classList.toggle('error', error);
}

/**
 * An OCP call from the browser as the panel's user, in its scenario; a refusal throws with OCP's
 * code and message (and its first sub-error). The tenants panel (tenants.js) calls through it too.
 */
export async function ocp(method, path, body) {
  const headers = { authorization: basic($('ocp-user').value, $('ocp-password').value), 'X-OCP-Mock-Scenario': $('cluster-scenario').value };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`/api/v2${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await res.json().catch(() => ({}));
  if (!res.ok || json.successful === false) {
    const sub = json.error?.subErrors?.[0]?.message;
    throw new Error(`${json.error?.code ?? res.status}: ${json.error?.message ?? res.statusText}${sub ? ` (${sub})` : ''}`);
  }
  return json;
}

/**
 * The panel, given the page's helpers: `badge(status)`, `renderList(key, container, items, build)`,
 * `fillSelect(select, options, value)`, `select(taskId)` (opens a task's DAG), `announce(text)`.
 */
export function clustersPanel(h) {
  let latest;

  async function submit(path, what) {
    try {
      const { data } = await ocp('POST', path);
      say(`Submitted task ${data.id} (${data.name}): ${what}`);
      h.announce(`Submitted task ${data.id}`);
      h.select(data.id);
    } catch (e) {
      say(`${what} refused: ${e.message}`, true);
    }
  }

  function ops(base, noun, what) {
    const span = document.createElement('span');
    span.className = 'ops';
    for (const [verb, label] of VERBS) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = label;
      b.dataset.key = `${base}/${verb}`;
      b.setAttribute('aria-label', `${label} ${noun}`);
      b.addEventListener('click', () => submit(`${base}/${verb}`, `${label.toLowerCase()} ${what}`));
      span.append(b);
    }
    return span;
  }

  function row(...parts) {
    const div = document.createElement('div');
    div.className = 'row';
    div.append(...parts);
    return div;
  }

  function text(className, content) {
    const span = document.createElement('span');
    span.className = className;
    span.textContent = content;
    return span;
  }

  function buildCluster(c) {
    const article = document.createElement('article');
    article.className = 'cluster';
    article.dataset.cluster = c.id;
    article.setAttribute('aria-label', `Cluster ${c.name}, ${c.status}`);
    const title = document.createElement('h3');
    title.textContent = c.name;
    const base = `/ob/clusters/${c.id}`;
    article.append(
      row(title, h.badge(c.status), ops(base, `cluster ${c.name}`, `cluster ${c.name}`)),
      text('facts', `id ${c.id} · ${c.type} · OceanBase ${c.version} · obClusterId ${c.obClusterId}`),
    );
    const zones = document.createElement('ul');
    for (const z of c.zones) {
      const li = document.createElement('li');
      li.className = 'zone';
      li.dataset.zone = `${c.id}/${z.name}`;
      const zoneBase = `${base}/zones/${encodeURIComponent(z.name)}`;
      li.append(row(text('name', `Zone ${z.name}`), text('facts', `${z.region} / ${z.idc}`), h.badge(z.status), ops(zoneBase, `zone ${z.name} of ${c.name}`, `zone ${z.name} of ${c.name}`)));
      const servers = document.createElement('ul');
      for (const s of z.servers) {
        const sli = document.createElement('li');
        sli.className = 'server';
        sli.dataset.server = s.id;
        const where = `on host #${s.hostId}${s.hostName ? ` ${s.hostName}` : ''} (${s.hostIp}) · IDC ${s.idc}`;
        sli.append(
          row(text('name', `Server ${s.id} ${s.ip}:${s.port}`), text('where', where), h.badge(s.status), ops(`${base}/servers/${s.id}`, `server ${s.id} of ${c.name}`, `server ${s.id}`)),
        );
        servers.append(sli);
      }
      li.append(servers);
      zones.append(li);
    }
    article.append(zones);
    return article;
  }

  /** Hosts a new cluster may take: ONLINE, and no cluster's server on them (by IDC name). */
  function freeHostsByIdc(state) {
    const busy = new Set(state.clusterHostIds ?? []);
    const byIdc = new Map();
    for (const host of state.hosts) {
      if (host.status !== 'ONLINE' || busy.has(host.id)) continue;
      if (!byIdc.has(host.idc)) byIdc.set(host.idc, []);
      byIdc.get(host.idc).push(host);
    }
    return byIdc;
  }

  /** A zone's IDC choice and its free hosts, kept while unchanged (a choice survives a push). */
  function fillZone(fieldset, byIdc) {
    const idc = fieldset.querySelector('select');
    const choice = idc.value;
    const idcs = [...byIdc.keys()].sort();
    const key = JSON.stringify(idcs);
    if (idc.dataset.key !== key) {
      idc.dataset.key = key;
      idc.replaceChildren(...idcs.map((name) => new Option(`${name} (${byIdc.get(name).length} free)`, name)));
      if (idcs.includes(choice)) idc.value = choice;
    }
    const hosts = byIdc.get(idc.value) ?? [];
    const box = fieldset.querySelector('.free-hosts');
    const hostsKey = `${idc.value}:${hosts.map((x) => x.id).join()}`;
    if (box.dataset.key === hostsKey) return;
    box.dataset.key = hostsKey;
    const checked = new Set([...box.querySelectorAll('input:checked')].map((i) => i.value));
    box.replaceChildren(
      ...(hosts.length
        ? hosts.map((host) => {
            const label = document.createElement('label');
            const input = document.createElement('input');
            input.type = 'checkbox';
            input.value = host.id;
            input.checked = checked.has(String(host.id));
            label.append(input, ` #${host.id} ${host.ip}`);
            return label;
          })
        : [text('hint', 'no free ONLINE host in this IDC')]),
    );
  }

  function addZone() {
    const zones = $('new-cluster-zones');
    const n = zones.children.length + 1;
    const fieldset = document.createElement('fieldset');
    fieldset.className = 'new-zone';
    const legend = document.createElement('legend');
    legend.textContent = `Zone ${n}`;
    const head = document.createElement('div');
    head.className = 'zone-head';
    const name = document.createElement('input');
    name.id = `new-zone-${n}-name`;
    name.className = 'zone-name';
    name.required = true;
    name.value = `zone${n}`;
    name.size = 8;
    const nameLabel = document.createElement('label');
    nameLabel.htmlFor = name.id;
    nameLabel.textContent = `Zone ${n} name`;
    const idc = document.createElement('select');
    idc.id = `new-zone-${n}-idc`;
    const idcLabel = document.createElement('label');
    idcLabel.htmlFor = idc.id;
    idcLabel.textContent = `Zone ${n} IDC`;
    idc.addEventListener('change', () => latest && fillZone(fieldset, freeHostsByIdc(latest)));
    head.append(nameLabel, name, idcLabel, idc);
    const hosts = document.createElement('div');
    hosts.className = 'free-hosts';
    hosts.setAttribute('role', 'group');
    hosts.setAttribute('aria-label', `Zone ${n} hosts`);
    fieldset.append(legend, head, hosts);
    zones.append(fieldset);
    if (latest) fillZone(fieldset, freeHostsByIdc(latest));
  }

  /** The body of POST /api/v2/ob/clusters (ocp-docs/cluster/200): the table's fields, nothing more. */
  function createBody() {
    return {
      name: $('new-cluster-name').value.trim(),
      rpmName: $('new-cluster-rpm').value.trim(),
      type: $('new-cluster-type').value,
      password: $('new-cluster-password').value,
      zones: [...document.querySelectorAll('#new-cluster-zones .new-zone')].map((f) => ({
        name: f.querySelector('.zone-name').value.trim(),
        idcName: f.querySelector('select').value,
        servers: [...f.querySelectorAll('.free-hosts input:checked')].map((i) => Number(i.value)),
      })),
    };
  }

  $('add-zone-button').addEventListener('click', addZone);
  $('cluster-scenario').addEventListener('change', (e) => {
    e.target.dataset.touched = '1';
  });
  $('create-cluster-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = createBody();
    try {
      const { data } = await ocp('POST', '/ob/clusters', body);
      say(`Submitted task ${data.id} (${data.name}): create cluster ${body.name}`);
      h.announce(`Submitted task ${data.id}`);
      h.select(data.id);
    } catch (err) {
      say(`create cluster ${body.name} refused: ${err.message}`, true);
    }
  });
  addZone();

  return {
    render(state) {
      latest = state;
      h.fillSelect($('cluster-scenario'), state.scenarios, undefined);
      if (!$('cluster-scenario').dataset.touched) $('cluster-scenario').value = state.defaultScenario;
      const clusters = state.clusters ?? [];
      $('cluster-count').textContent = `(${clusters.length})`;
      h.renderList('clusters', $('cluster-list'), clusters, buildCluster);
      const byIdc = freeHostsByIdc(state);
      for (const fieldset of document.querySelectorAll('#new-cluster-zones .new-zone')) fillZone(fieldset, byIdc);
    },
  };
}
