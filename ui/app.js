// ocp-mock dashboard. Plain browser JavaScript, no framework, no build step: the server pushes a
// snapshot (server-sent events) whenever what it shows changes, and this page renders it.
// Every button calls the same simulator the OCP API uses, so what is allowed here is what OCP allows;
// the OB clusters and tenants panels (clusters.js, tenants.js) call the OCP API themselves.
import { clustersPanel } from './clusters.js';
import { tenantsPanel } from './tenants.js';

const $ = (id) => document.getElementById(id);
const SHORT = {
  prepare: 'Prepare stop',
  prepareRestart: 'Prepare restart',
  restartPosProxy: 'Restart pos proxy',
  wait: 'Wait node',
  stop: 'Stop agent processes',
  start: 'Start agent processes',
  finish: 'Finish operation',
  precheck: 'Pre check',
  uninstallObAgent: 'Uninstall obagent',
  uninstallOcpAgent: 'Uninstall ocp agent',
  installAgent: 'Install ocp agent',
  updateHostStatus: 'Update host status',
};
const NODE_W = 188;
const NODE_H = 58;
const GAP_X = 56;
const GAP_Y = 16;

const ui = {
  selectedTask: Number(new URLSearchParams(location.hash.slice(1)).get('task')) || undefined,
  selectedNode: undefined,
  state: undefined,
  source: undefined,
  dagKey: '',
  listKeys: {},
  lastStatus: undefined,
  logTick: 0,
};

function toast(message) {
  const t = $('toast');
  t.textContent = message;
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => {
    t.hidden = true;
  }, 6000);
}

function announce(text) {
  $('announcer').textContent = text;
}

async function api(path, { method = 'GET', body } = {}) {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    const sub = json.error?.subErrors?.[0]?.message;
    toast(`${json.error?.code ?? res.status}: ${json.error?.message ?? res.statusText}${sub ? ` (${sub})` : ''}`);
    throw new Error(json.error?.message ?? res.statusText);
  }
  return json;
}

function connect() {
  ui.source?.close();
  const query = ui.selectedTask ? `?task=${ui.selectedTask}` : '';
  const source = new EventSource(`/__mock/ui/events${query}`);
  source.addEventListener('state', (e) => render(JSON.parse(e.data)));
  source.onerror = () => {
    // EventSource reconnects by itself; say so only if it stays down.
    setTimeout(() => {
      if (source.readyState === EventSource.CLOSED) toast('Lost the connection to ocp-mock; reload to retry.');
    }, 3000);
  };
  ui.source = source;
}

function select(taskId) {
  ui.selectedTask = taskId;
  ui.selectedNode = undefined;
  ui.dagKey = '';
  history.replaceState(null, '', `#task=${taskId}`);
  $('node-detail').hidden = true;
  connect();
}

/** Rebuilds a list only when its content changed, keeping focus on the element that had it. */
function renderList(key, container, items, build) {
  const signature = JSON.stringify(items);
  if (ui.listKeys[key] === signature) return;
  ui.listKeys[key] = signature;
  const focusKey = document.activeElement?.dataset?.key;
  container.replaceChildren(...items.map(build));
  if (focusKey) container.querySelector(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
}

function fillSelect(select, options, value) {
  const signature = JSON.stringify(options);
  if (select.dataset.signature !== signature) {
    select.dataset.signature = signature;
    const keep = select.value;
    select.replaceChildren(...options.map((o) => new Option(`${o.name}`, o.name)));
    select.title = '';
    if (keep) select.value = keep;
  }
  if (value !== undefined && document.activeElement !== select) select.value = value;
}

function badge(status) {
  const span = document.createElement('span');
  span.className = `st ${status}`;
  span.textContent = status;
  return span;
}

function age(seconds) {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

function render(state) {
  ui.state = state;
  $('clock-now').textContent = state.clock.now;
  $('clock-mode').textContent = state.clock.mode === 'manual' ? 'manual clock' : `real clock ×${state.clock.speed}`;
  const speed = $('speed');
  speed.disabled = state.clock.mode === 'manual';
  $('speed-form').querySelector('button').disabled = state.clock.mode === 'manual';
  if (document.activeElement !== speed) speed.value = state.clock.mode === 'manual' ? '' : state.clock.speed;
  fillSelect($('default-scenario'), state.scenarios, state.defaultScenario);
  fillSelect($('stop-scenario'), state.scenarios, undefined);
  if (!$('stop-scenario').dataset.touched) $('stop-scenario').value = state.defaultScenario;

  const checked = new Set([...document.querySelectorAll('#host-list input:checked')].map((i) => Number(i.value)));
  renderList('hosts', $('host-list'), state.hosts, (h) => {
    const label = document.createElement('label');
    label.className = 'host';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = h.id;
    box.dataset.key = `host-${h.id}`;
    // Busy agents take nothing; anything else may be chosen (to stop, restart or remove: the server checks the rules).
    box.disabled = h.agentStatus === 'STOPPING' || h.agentStatus === 'RESTARTING' || h.agentStatus === 'REINSTALLING';
    box.checked = checked.has(h.id) && !box.disabled;
    const text = document.createElement('span');
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = `#${h.id} ${h.name}`;
    const ip = document.createElement('span');
    ip.className = 'ip';
    ip.textContent = `${h.ip} · ${h.region} / ${h.idc}`;
    text.append(name, ip);
    label.append(box, text);
    // The host's own status only where it says more than its agent's (a host being added reads NEW).
    if (h.status !== 'ONLINE' && h.status !== h.agentStatus) label.append(badge(h.status));
    label.append(badge(h.agentStatus));
    label.title = `Host ${h.id}: ${h.status}, agent ${h.agentStatus}`;
    return label;
  });

  $('task-count').textContent = state.taskCount ? `(${state.taskCount}, newest first)` : '';
  $('host-count').textContent = state.hostCount > state.hosts.length ? `(first ${state.hosts.length} of ${state.hostCount})` : `(${state.hostCount})`;
  renderInventory(state.regions ?? [], state.hostTypes ?? []);
  renderProcessHosts(state.hosts);
  renderMoreOperations(state.moreOperations ?? []);
  void refreshProcesses();
  renderList(
    'tasks',
    $('task-rows'),
    state.tasks.map((t) => ({ ...t, selected: t.id === ui.selectedTask })),
    (t) => {
      const tr = document.createElement('tr');
      tr.setAttribute('aria-selected', String(t.selected));
      const open = document.createElement('button');
      open.type = 'button';
      open.className = 'link';
      open.textContent = t.id;
      open.dataset.key = `task-${t.id}`;
      open.setAttribute('aria-label', `Show task ${t.id}, ${t.status}, scenario ${t.scenario}`);
      open.addEventListener('click', () => select(t.id));
      const cells = [open, badge(t.status), t.scenario, t.hostIds.join(', '), age(t.ageSeconds)];
      for (const c of cells) {
        const td = document.createElement('td');
        td.append(c);
        tr.append(td);
      }
      tr.addEventListener('click', (e) => {
        if (e.target === tr || e.target.tagName === 'TD') select(t.id);
      });
      return tr;
    },
  );

  renderStubs(state.stubs ?? [], state.stubCount ?? 0);
  clusters.render(state);
  tenants.render(state);
  renderTask(state.selected);
}

/** The stubs in force (shown only when there are any), each with a button to remove it. */
function renderStubs(stubs, count) {
  $('stubs-panel').hidden = count === 0;
  $('stub-count').textContent = count > stubs.length ? `(first ${stubs.length} of ${count})` : `(${count})`;
  renderList('stubs', $('stub-rows'), stubs, (st) => {
    const tr = document.createElement('tr');
    tr.dataset.key = `stub-${st.id}-${st.answered}`;
    tr.dataset.stub = st.id;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = 'Remove';
    remove.setAttribute('aria-label', `Remove stub ${st.id}`);
    remove.addEventListener('click', async () => {
      await api(`/__mock/ui/stubs/${encodeURIComponent(st.id)}/remove`, { method: 'POST' });
      announce(`Removed stub ${st.id}`);
    });
    for (const c of [st.id, `${st.method} ${st.path}`, st.source, String(st.answered), remove]) {
      const td = document.createElement('td');
      td.append(c);
      tr.append(td);
    }
    return tr;
  });
}

function renderTask(task) {
  const retry = $('task-retry');
  const rollback = $('task-rollback');
  if (!task) {
    $('dag-title').textContent = ui.selectedTask ? `Task ${ui.selectedTask} is gone (dropped or reset)` : 'Select a task';
    $('task-meta').textContent = '';
    $('dag').replaceChildren();
    retry.disabled = true;
    rollback.disabled = true;
    ui.dagKey = '';
    return;
  }
  $('dag-title').replaceChildren(`Task ${task.id} · ${task.name} `, badge(task.status));
  const on = task.hostIds.length ? `hosts ${task.hostIds.join(', ')}` : task.tenant ? `tenant ${task.tenant} of ${task.cluster}` : `cluster ${task.cluster ?? '?'}`;
  $('task-meta').textContent = `scenario ${task.scenario} · operation ${task.operation} · ${on} · started ${task.startTime}${task.finishTime ? ` · finished ${task.finishTime}` : ''}`;
  retry.disabled = !task.allowed.retry;
  rollback.disabled = !task.allowed.rollback;
  if (ui.lastStatus && ui.lastStatus.id === task.id && ui.lastStatus.status !== task.status) announce(`Task ${task.id} is now ${task.status}`);
  ui.lastStatus = { id: task.id, status: task.status };
  drawDag(task);
  renderNodeDetail(task);
}

/** Columns by depth in the DAG (Prepare, Wait, Stop, Wait, Finish), one row per host, Wait nodes centred. */
function layout(nodes) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const depth = new Map();
  const depthOf = (n) => {
    if (!depth.has(n.id)) depth.set(n.id, n.upstreams.length ? 1 + Math.max(...n.upstreams.map((u) => depthOf(byId.get(u)))) : 0);
    return depth.get(n.id);
  };
  const rows = Math.max(1, ...nodes.map((n) => n.parallelIdx + 1));
  const place = new Map();
  for (const n of nodes) {
    const row = n.parallelIdx >= 0 ? n.parallelIdx : (rows - 1) / 2;
    place.set(n.id, { x: 16 + depthOf(n) * (NODE_W + GAP_X), y: 16 + row * (NODE_H + GAP_Y) });
  }
  const cols = Math.max(...nodes.map((n) => depthOf(n))) + 1;
  return { place, width: 32 + cols * NODE_W + (cols - 1) * GAP_X, height: 32 + rows * NODE_H + (rows - 1) * GAP_Y };
}

const SVG = 'http://www.w3.org/2000/svg';
function el(name, attrs = {}, text) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function nodeLines(n, task) {
  // A node of no one host works for the task's hosts: in a one-host task (an OB server's operation), that host.
  // A tenant's task runs on no host: its nodes work on the tenant.
  const where =
    n.hostId !== null ? `host ${n.hostId}` : task.hostIds.length === 1 ? `host ${task.hostIds[0]}` : task.tenant ? `tenant ${task.tenant}` : 'all hosts';
  const extra = [];
  if (n.runTime > 1) extra.push(`run ${n.runTime}`);
  if (n.operation !== 'EXECUTE') extra.push(n.operation);
  if (n.startTime) {
    const end = n.finishTime ? Date.parse(n.finishTime) : Date.parse(ui.state.clock.now);
    if (n.status !== 'PENDING' || n.operation === 'ROLLBACK') extra.push(`${((end - Date.parse(n.startTime)) / 1000).toFixed(1)} s`);
  }
  // Nodes of a kind without a short label (the OB cluster operations') show their own name.
  return [SHORT[n.kind] ?? n.name, `${where} · ${n.status}`, extra.join(' · ') || `timeout ${n.timeout} s`];
}

function drawDag(task) {
  const container = $('dag');
  const key = `${task.id}:${task.nodes.map((n) => n.id).join(',')}`;
  if (ui.dagKey !== key) {
    ui.dagKey = key;
    const { place, width, height } = layout(task.nodes);
    // Scales down to the panel's width (never up), so the whole DAG is in view on a laptop.
    const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, style: `max-width:${width}px`, role: 'group', 'aria-label': `DAG of task ${task.id}` });
    const edges = el('g');
    const nodes = el('g');
    for (const n of task.nodes) {
      const to = place.get(n.id);
      for (const u of n.upstreams) {
        const from = place.get(u);
        const x1 = from.x + NODE_W;
        const y1 = from.y + NODE_H / 2;
        const x2 = to.x;
        const y2 = to.y + NODE_H / 2;
        const mid = (x1 + x2) / 2;
        edges.append(el('path', { class: 'edge', 'data-from': u, d: `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}` }));
      }
      const g = el('g', { class: 'node', tabindex: '0', role: 'button', 'data-id': n.id, transform: `translate(${to.x},${to.y})` });
      g.append(el('rect', { width: NODE_W, height: NODE_H }));
      g.append(el('text', { x: 10, y: 18 }), el('text', { x: 10, y: 35 }), el('text', { x: 10, y: 50, class: 'small' }));
      const open = () => {
        ui.selectedNode = n.id;
        ui.logTick = 0;
        renderNodeDetail(ui.state.selected, true);
      };
      g.addEventListener('click', open);
      g.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          open();
        }
      });
      nodes.append(g);
    }
    svg.append(edges, nodes);
    container.replaceChildren(svg);
  }
  const byId = new Map(task.nodes.map((n) => [n.id, n]));
  for (const g of container.querySelectorAll('g.node')) {
    const n = byId.get(Number(g.dataset.id));
    const lines = nodeLines(n, task);
    g.setAttribute('class', `node ${n.status}${ui.selectedNode === n.id ? ' selected' : ''}`);
    g.setAttribute('aria-label', `${n.name}, ${lines[1]}${lines[2] ? `, ${lines[2]}` : ''}`);
    g.querySelectorAll('text').forEach((t, i) => {
      t.textContent = lines[i];
    });
  }
  for (const path of container.querySelectorAll('path.edge')) {
    path.classList.toggle('done', byId.get(Number(path.dataset.from))?.status === 'SUCCESSFUL');
  }
}

async function renderNodeDetail(task, fresh = false) {
  const panel = $('node-detail');
  const n = task?.nodes.find((x) => x.id === ui.selectedNode);
  if (!n) {
    panel.hidden = true;
    return;
  }
  panel.hidden = false;
  $('node-title').textContent = `${n.name} · subtask ${n.id}${n.hostId === null ? '' : ` · host ${n.hostId}`}`;
  const facts = [
    ['Status', n.status],
    ['Operation', n.operation],
    ['runTime', n.runTime],
    ['Timeout', `${n.timeout} s`],
    ['Start', n.startTime ?? '—'],
    ['Finish', n.finishTime ?? '—'],
    ['Executor', n.executor ?? '—'],
  ];
  $('node-facts').replaceChildren(
    ...facts.flatMap(([k, v]) => {
      const dt = document.createElement('dt');
      dt.textContent = k;
      const dd = document.createElement('dd');
      dd.textContent = v;
      return [dt, dd];
    }),
  );
  $('node-retry').disabled = !n.allowed.retry;
  $('node-skip').disabled = !n.allowed.skip;
  $('node-cancel').disabled = !n.allowed.cancel;
  // The log grows while the subtask runs: refresh it every other push.
  if (fresh || ui.logTick++ % 2 === 0) {
    const { log } = await api(`/__mock/ui/tasks/${task.id}/subtasks/${n.id}/log`).catch(() => ({ log: '' }));
    const pre = $('node-log');
    const atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
    pre.textContent = log || '(no log yet: the subtask has not started)';
    if (atBottom) pre.scrollTop = pre.scrollHeight;
  }
}

/** A button for each batch operation of the user's own (--operations-dir). */
function renderMoreOperations(operations) {
  const box = $('more-operations');
  const key = operations.map((o) => o.id).join();
  if (box.dataset.key === key) return;
  box.dataset.key = key;
  box.replaceChildren(
    ...operations.map((o) => {
      const b = document.createElement('button');
      b.type = 'submit';
      b.dataset.operation = o.id;
      b.textContent = `${o.name} on selected`;
      return b;
    }),
  );
}

/** Regions with their IDCs, and the choices of the add-hosts form (kept while unchanged, so a choice survives a push). */
function renderInventory(regions, hostTypes) {
  const key = JSON.stringify([regions, hostTypes]);
  if ($('region-list').dataset.key === key) return;
  $('region-list').dataset.key = key;
  $('region-list').replaceChildren(
    ...regions.map((r) => {
      const li = document.createElement('li');
      li.textContent = `${r.name} (#${r.id}): ${r.idcs.length ? r.idcs.map((i) => `${i.name} #${i.id}`).join(', ') : 'no IDC'}`;
      return li;
    }),
  );
  const idc = $('add-idc');
  const idcChoice = idc.value;
  idc.replaceChildren(...regions.flatMap((r) => r.idcs.map((i) => new Option(`${r.name} / ${i.name}`, String(i.id)))));
  if ([...idc.options].some((o) => o.value === idcChoice)) idc.value = idcChoice;
  const type = $('add-type');
  const typeChoice = type.value;
  type.replaceChildren(...hostTypes.map((t) => new Option(t.name, String(t.id))));
  if ([...type.options].some((o) => o.value === typeChoice)) type.value = typeChoice;
}

/** The host chooser of the processes table, kept in step with the host list. */
function renderProcessHosts(hosts) {
  const sel = $('process-host');
  const want = hosts.map((h) => String(h.id));
  const have = [...sel.options].slice(1).map((o) => o.value);
  if (want.join() === have.join()) return;
  const chosen = sel.value;
  sel.replaceChildren(sel.options[0]);
  for (const h of hosts) sel.append(new Option(`#${h.id} ${h.name}`, String(h.id)));
  sel.value = want.includes(chosen) ? chosen : '';
}

/** The chosen host's processes, fetched again with every snapshot (they change with its tasks). */
async function refreshProcesses() {
  const hostId = $('process-host').value;
  const rows = $('process-rows');
  if (!hostId) return rows.replaceChildren();
  const res = await fetch(`/__mock/ui/hosts/${hostId}/processes`);
  if (!res.ok || $('process-host').value !== hostId) return;
  const { processes } = await res.json();
  rows.replaceChildren(
    ...processes.map((p) => {
      const tr = document.createElement('tr');
      tr.dataset.alias = p.alias;
      for (const text of [p.alias, p.status, String(p.pid), p.status === 'STARTED' ? `${p.elapsedTime} s` : '-']) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.append(td);
      }
      tr.children[1].className = `st ${p.status}`;
      return tr;
    }),
  );
}

// --- controls ---------------------------------------------------------------------------------
$('process-host').addEventListener('change', () => void refreshProcesses());
$('stop-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const operation = e.submitter?.dataset.operation ?? (e.submitter?.id === 'restart-button' ? 'batchRestartAgents' : 'batchStopAgents');
  const hostIds = [...document.querySelectorAll('#host-list input:checked')].map((i) => Number(i.value));
  if (hostIds.length === 0) return toast('Choose at least one host.');
  const { taskId } = await api('/__mock/ui/stop', { method: 'POST', body: { hostIds, scenario: $('stop-scenario').value, operation } });
  for (const box of document.querySelectorAll('#host-list input:checked')) box.checked = false;
  announce(`Submitted task ${taskId}`);
  select(taskId);
});
$('add-hosts-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const ips = $('add-ips')
    .value.split(/[\s,]+/)
    .filter(Boolean);
  const body = {
    hostBasicDataList: ips.map((innerIpAddress) => ({ innerIpAddress })),
    sshPort: 22,
    kind: 'DEDICATED_PHYSICAL_MACHINE',
    idcId: Number($('add-idc').value),
    typeId: Number($('add-type').value),
    // OCP's credential module is not simulated: any credential id is taken.
    credentialId: 1,
    scenario: $('stop-scenario').value,
  };
  const { taskIds, hostIds } = await api('/__mock/ui/hosts', { method: 'POST', body });
  $('add-ips').value = '';
  announce(`Adding host${hostIds.length > 1 ? 's' : ''} ${hostIds.join(', ')}`);
  select(taskIds[0]);
});
$('remove-hosts-button').addEventListener('click', async () => {
  const hostIds = [...document.querySelectorAll('#host-list input:checked')].map((i) => Number(i.value));
  if (hostIds.length === 0) return toast('Choose at least one host.');
  if (!confirm(`Remove host${hostIds.length > 1 ? 's' : ''} ${hostIds.join(', ')}?`)) return;
  await api('/__mock/ui/hosts/delete', { method: 'POST', body: { hostIdList: hostIds } });
  announce(`Removed host${hostIds.length > 1 ? 's' : ''} ${hostIds.join(', ')}`);
});
$('stop-scenario').addEventListener('change', (e) => {
  e.target.dataset.touched = '1';
});
$('advance-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  await api('/__mock/clock/advance', { method: 'POST', body: { ms: Number($('advance-step').value) } });
});
$('speed-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  await api('/__mock/clock/speed', { method: 'POST', body: { speed: Number($('speed').value) } });
});
$('default-scenario-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  await api('/__mock/scenario', { method: 'PUT', body: { name: $('default-scenario').value } });
  announce(`Default scenario is now ${$('default-scenario').value}`);
});
$('reset').addEventListener('click', async () => {
  if (!confirm('Reset tasks, hosts, clock and scenario to the start?')) return;
  await api('/__mock/reset', { method: 'POST' });
  ui.selectedTask = undefined;
  history.replaceState(null, '', '#');
  connect();
});
$('projector').addEventListener('click', (e) => {
  const on = document.body.classList.toggle('projector');
  e.target.setAttribute('aria-pressed', String(on));
});
$('task-retry').addEventListener('click', () => api(`/__mock/ui/tasks/${ui.selectedTask}/retry`, { method: 'POST' }));
$('task-rollback').addEventListener('click', () => api(`/__mock/ui/tasks/${ui.selectedTask}/rollback`, { method: 'POST' }));
for (const action of ['retry', 'skip', 'cancel']) {
  $(`node-${action}`).addEventListener('click', () => api(`/__mock/ui/tasks/${ui.selectedTask}/subtasks/${ui.selectedNode}/${action}`, { method: 'POST' }));
}

const clusters = clustersPanel({ badge, renderList, fillSelect, select, announce });
const tenants = tenantsPanel({ badge, renderList, select, announce });
connect();
