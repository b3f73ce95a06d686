// The Tracewall dashboard. Everything a sender wrote (subjects, headers, text) is put on the page
// as text (textContent), never as HTML: the page shows spam, it must not run it.
'use strict';

const API = '/tracewall/ui/api';
let me = null;

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
  children.forEach(child => node.append(child instanceof Node ? child : document.createTextNode(String(child))));
  return node;
}

function say(text) {
  document.getElementById('message').textContent = text;
}

async function call(method, path, body) {
  const options = { method, credentials: 'same-origin', headers: {} };
  if (method !== 'GET') {
    options.headers['X-Tracewall-Dashboard'] = '1';
  }
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new Error((data && data.message) || response.status + ' ' + response.statusText);
  }
  return data;
}

function guarded(action) {
  return async event => {
    if (event) {
      event.preventDefault();
    }
    try {
      await action(event);
    } catch (e) {
      say(e.message);
    }
  };
}

function rows(table, entries) {
  table.replaceChildren(...entries.map(cells => el('tr', {}, ...cells.map(cell => el('td', {}, cell)))));
}

// --- sign-in and tabs ---

async function start() {
  try {
    me = await call('GET', API + '/me');
  } catch (e) {
    me = null;
  }
  document.getElementById('login').hidden = me !== null;
  document.getElementById('tabs').hidden = me === null;
  document.getElementById('whoami').hidden = me === null;
  if (me) {
    document.body.className = 'role-' + me.role;
    document.getElementById('who').textContent = me.user + ' (' + me.role + ')';
    document.querySelectorAll('#tabs button').forEach(button => {
      const roles = button.dataset.roles;
      button.hidden = roles !== undefined && !roles.split(' ').includes(me.role);
    });
    show(me.role === 'user' ? 'quarantine' : 'overview');
  }
}

const loaders = { overview: loadOverview, quarantine: loadQuarantine, rules: loadRules, lists: loadLists, audit: async () => {},
  operations: loadOperations };

function show(tab) {
  Object.keys(loaders).forEach(name => { document.getElementById(name).hidden = name !== tab; });
  document.querySelectorAll('#tabs button').forEach(button => button.classList.toggle('active', button.dataset.tab === tab));
  say('');
  guarded(loaders[tab])();
}

// --- overview ---

const ACTION_ORDER = ['accept', 'tag', 'quarantine', 'reject'];

async function loadOverview() {
  const stats = await call('GET', API + '/stats?hours=' + document.getElementById('hours').value);
  const actions = Object.keys(stats.actions).sort((a, b) => order(a) - order(b));
  document.getElementById('totals').replaceChildren(...actions.map(action =>
    el('div', { class: 'card ' + action, 'data-action': action }, el('b', {}, stats.actions[action]), action)));
  drawChart(stats.actionsByHour, actions);
  const top = map => Object.entries(map).map(([name, count]) => [name, count]);
  rows(document.getElementById('top-symbols'), top(stats.topSymbols));
  rows(document.getElementById('top-domains'), top(stats.topSenderDomains));
  rows(document.getElementById('top-clients'), top(stats.topClients));
}

function order(action) {
  const index = ACTION_ORDER.indexOf(action);
  return index < 0 ? ACTION_ORDER.length : index;
}

function drawChart(byHour, actions) {
  const svg = document.getElementById('chart');
  const hours = Object.keys(byHour).sort();
  const width = svg.clientWidth || 800;
  const height = 160;
  const most = Math.max(1, ...hours.map(hour => Object.values(byHour[hour]).reduce((a, b) => a + b, 0)));
  const bar = width / Math.max(hours.length, 1);
  const ns = 'http://www.w3.org/2000/svg';
  svg.replaceChildren();
  hours.forEach((hour, i) => {
    let top = height;
    actions.forEach(action => {
      const count = byHour[hour][action] || 0;
      if (count === 0) {
        return;
      }
      const h = count / most * (height - 10);
      top -= h;
      const rect = document.createElementNS(ns, 'rect');
      [['x', i * bar + 1], ['y', top], ['width', Math.max(bar - 2, 1)], ['height', h], ['class', action]]
        .forEach(([name, value]) => rect.setAttribute(name, value));
      const title = document.createElementNS(ns, 'title');
      title.textContent = hour + ' ' + action + ': ' + count;
      rect.append(title);
      svg.append(rect);
    });
  });
}

// --- quarantine ---

async function loadQuarantine() {
  const query = new URLSearchParams();
  const sender = document.getElementById('filter-sender').value.trim();
  const reason = document.getElementById('filter-reason').value;
  if (sender) {
    query.set('sender', sender);
  }
  if (reason) {
    query.set('reason', reason);
  }
  const held = await call('GET', API + '/quarantine/mails?' + query);
  const body = document.querySelector('#held tbody');
  body.replaceChildren(...held.map(mail => {
    const actions = el('td', {},
      button('Preview', 'preview', () => preview(mail.key)),
      button('Release', 'release', () => release(mail.key, mail.subject)));
    if (me.role === 'admin') {
      actions.append(button('Delete', 'delete', () => remove(mail.key, mail.subject)));
    }
    return el('tr', { 'data-key': mail.key, 'data-subject': mail.subject },
      el('td', {}, mail.heldSince || ''), el('td', {}, mail.sender), el('td', {}, mail.recipients.join(', ')),
      el('td', {}, mail.subject), el('td', {}, mail.reason + ' ' + mail.detail), actions);
  }));
  if (held.length === 0) {
    body.append(el('tr', {}, el('td', { colspan: 6 }, 'Nothing is held.')));
  }
}

function button(label, kind, action) {
  const node = el('button', { type: 'button', class: kind }, label);
  node.addEventListener('click', guarded(action));
  return node;
}

const mailPath = key => API + '/quarantine/mails/' + encodeURIComponent(key);

async function preview(key) {
  const mail = await call('GET', mailPath(key));
  document.getElementById('preview').hidden = false;
  document.getElementById('preview-subject').textContent = mail.subject;
  rows(document.getElementById('preview-headers'), mail.headers.map(header => [header.name, header.value]));
  document.getElementById('preview-text').textContent = mail.text;
}

async function release(key, subject) {
  const released = await call('POST', mailPath(key) + '/release', me.role === 'user' ? {} : undefined);
  await loadQuarantine();
  say('Released "' + subject + '" to ' + released.released.join(', '));
}

async function remove(key, subject) {
  await call('DELETE', mailPath(key));
  await loadQuarantine();
  say('Deleted "' + subject + '"');
}

// --- rules ---

async function loadRules() {
  const score = await call('GET', API + '/score');
  const admin = me.role === 'admin';
  rows(document.getElementById('thresholds'), Object.entries(score.thresholds).map(([name, points]) =>
    [name, editable('threshold', name, points, admin, value => call('PUT', API + '/score/thresholds/' + name, { points: value }))]));
  rows(document.getElementById('content-rules'), score.rules.map(rule =>
    [rule.name, rule.in, rule.pattern, score.weights[rule.name] === undefined ? '' : score.weights[rule.name]]));
  rows(document.getElementById('weights'), Object.entries(score.weights).map(([name, weight]) =>
    [name, editable('weight', name, weight, admin, value => call('PUT', API + '/score/weights/' + name, { weight: value }))]));
  const lists = document.getElementById('whitelists');
  lists.replaceChildren();
  for (const kind of ['clients', 'senders', 'recipients']) {
    const entries = await call('GET', API + '/greylist/whitelist/' + kind);
    lists.append(el('div', {}, el('h3', {}, kind), el('ul', { id: 'whitelist-' + kind }, ...entries.map(entry => el('li', {}, entry)))));
  }
}

function editable(kind, name, value, admin, save, reload = loadRules) {
  if (!admin) {
    return String(value);
  }
  const input = el('input', { value: String(value), ['data-' + kind]: name, size: 6 });
  const node = el('span', {}, input, button('Save', 'save', async () => {
    await save(input.value);
    say(name + ' set to ' + input.value);
    await reload();
  }));
  return node;
}

// --- lists: DNS lists and trap addresses ---

async function loadLists() {
  const admin = me.role === 'admin';
  const dnsbl = await call('GET', API + '/dnsbl');
  rows(document.querySelector('#dns-lists tbody'), dnsbl.lists.map(list => [list.name, list.zone, list.type,
    editable('list-weight', list.name, list.weight, admin, value => call('PUT', API + '/dnsbl/lists/' + encodeURIComponent(list.name),
      { weight: value }), loadLists)]));
  const honeypot = await call('GET', API + '/honeypot');
  document.getElementById('traps').replaceChildren(...honeypot.traps.map(trap => el('li', { 'data-trap': trap }, trap, ' ',
    admin ? button('Remove', 'delete', async () => {
      await call('DELETE', API + '/honeypot/traps/' + encodeURIComponent(trap));
      say(trap + ' is no longer a trap');
      await loadLists();
    }) : '')));
}

async function addDnsList() {
  const name = document.getElementById('dns-list-name').value;
  await call('PUT', API + '/dnsbl/lists/' + encodeURIComponent(name), { zone: document.getElementById('dns-list-zone').value,
    type: document.getElementById('dns-list-type').value, weight: document.getElementById('dns-list-weight').value });
  say('DNS list ' + name + ' added');
  await loadLists();
}

async function addTrap() {
  const address = document.getElementById('trap-address').value;
  await call('PUT', API + '/honeypot/traps/' + encodeURIComponent(address));
  say(address + ' is a trap');
  await loadLists();
}

// --- audit and operations ---

async function runAudit() {
  const query = new URLSearchParams({ ip: document.getElementById('audit-ip').value, domain: document.getElementById('audit-domain').value });
  const report = await call('GET', API + '/audit?' + query);
  document.getElementById('audit-result').replaceChildren(
    el('p', {}, report.ok ? 'No problem found.' : 'Problems:'),
    el('ul', {}, ...report.problems.map(problem => el('li', {}, problem))));
}

async function loadOperations() {
  const entries = await call('GET', API + '/operations?days=30');
  rows(document.querySelector('#operation-log tbody'), entries.map(entry =>
    [entry.at, entry.who, entry.via, entry.action, entry.status, entry.detail]));
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('login-form').addEventListener('submit', guarded(async () => {
    await call('POST', '/tracewall/ui/session', {
      user: document.getElementById('login-user').value, password: document.getElementById('login-password').value });
    document.getElementById('login-password').value = '';
    await start();
  }));
  document.getElementById('sign-out').addEventListener('click', guarded(async () => {
    await call('DELETE', '/tracewall/ui/session');
    await start();
  }));
  document.querySelectorAll('#tabs button').forEach(tab => tab.addEventListener('click', () => show(tab.dataset.tab)));
  document.getElementById('hours').addEventListener('change', guarded(loadOverview));
  document.getElementById('quarantine-filter').addEventListener('submit', guarded(loadQuarantine));
  document.getElementById('audit-form').addEventListener('submit', guarded(runAudit));
  document.getElementById('dns-list-form').addEventListener('submit', guarded(addDnsList));
  document.getElementById('trap-form').addEventListener('submit', guarded(addTrap));
  document.getElementById('rule-form').addEventListener('submit', guarded(async () => {
    const name = document.getElementById('rule-name').value;
    await call('PUT', API + '/score/rules/' + name, { in: document.getElementById('rule-in').value,
      pattern: document.getElementById('rule-pattern').value, weight: document.getElementById('rule-weight').value });
    say('Rule ' + name + ' added');
    await loadRules();
  }));
  setInterval(() => {
    if (me && !document.getElementById('overview').hidden) {
      guarded(loadOverview)();
    }
  }, 10000);
  start();
});
