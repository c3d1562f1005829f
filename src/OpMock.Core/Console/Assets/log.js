// The live log: every answered request from the server's event stream, newest first. Filters by route, status,
// session and text; pause holds new entries back; a row opens its request and response. Bounded in the page too:
// it keeps the newest MAX entries.
import { $, check, clock, emit, fill, h, pretty, sawSession, statusClass, verdictView } from './api.js';

const MAX = 1000;

const SERVE_COLUMNS = ['Time', 'Port', 'Method', 'Route', 'Status', 'ms', 'Session', 'Scenario', 'Ids'];
const PROXY_COLUMNS = ['Time', 'Method', 'Route', 'Status', 'ms', 'Verdict', 'Note'];

export function initLog(info) {
  const proxy = info.host === 'proxy';
  const entries = [];
  let held = [];
  let heldLost = 0;
  let paused = false;
  let dropped = 0;
  let opened = null;
  const names = new Map();

  fill($('log-head'), (proxy ? PROXY_COLUMNS : SERVE_COLUMNS).map((c) => h('th', { scope: 'col' }, c)));
  $('totals').hidden = !proxy;
  // A proxy forwards sessions to its target but keeps none: no session to filter by.
  $('f-session').closest('.form-row').hidden = proxy;

  const filters = {
    route: $('f-route'), status: $('f-status'), session: $('f-session'), text: $('f-text'), preflight: $('f-preflight'),
  };

  function portLabel(entry) {
    return `${entry.app ? 'app' : 'direct'} ${entry.port}`;
  }

  function routeText(entry) {
    if (proxy) {
      return entry.label;
    }
    return entry.reqUrl ? `${entry.path} → ${entry.reqUrl}` : entry.path;
  }

  function haystack(entry) {
    if (!entry.haystack) {
      const headers = (m) => (m && m.headers || []).map(([k, v]) => `${k}: ${v}`).join('\n');
      entry.haystack = [entry.method, entry.path, entry.query, entry.reqUrl, entry.label, String(entry.status), entry.session, entry.scenario,
        (entry.ids || []).map((i) => `${i.name}=${i.value}`).join(' '), entry.note,
        entry.request && entry.request.body, entry.response && entry.response.body, headers(entry.request), headers(entry.response)]
        .filter(Boolean).join('\n').toLowerCase();
    }
    return entry.haystack;
  }

  function matches(entry) {
    if (entry.method === 'OPTIONS' && !filters.preflight.checked) {
      return false;
    }
    const route = filters.route.value.trim().toLowerCase();
    if (route && !`${entry.path} ${entry.reqUrl || ''} ${entry.label || ''}`.toLowerCase().includes(route)) {
      return false;
    }
    const status = filters.status.value;
    if (status === 'error' ? entry.status >= 200 && entry.status < 300 : status && String(entry.status)[0] !== status) {
      return false;
    }
    const session = filters.session.value.trim().toLowerCase();
    if (session && !(entry.session || '').toLowerCase().includes(session)) {
      return false;
    }
    const text = filters.text.value.trim().toLowerCase();
    return !text || haystack(entry).includes(text);
  }

  function verdictText(entry) {
    if (!entry.checked) {
      return 'unchecked';
    }
    const v = entry.verdict;
    return v.violations.length === 0 ? 'ok' : `${v.errors} errors, ${v.warnings} warnings`;
  }

  function row(entry) {
    const open = h('button', {
      type: 'button', class: 'row-open', 'aria-label': `Open ${entry.method} ${routeText(entry)}, status ${entry.status}, at ${clock(entry.time)}`,
      onclick: () => openEntry(entry),
    }, clock(entry.time));
    const cells = proxy
      ? [h('td', {}, open), h('td', {}, entry.method), h('td', { class: 'route' }, routeText(entry)),
        h('td', { class: statusClass(entry.status) }, String(entry.status || '—')), h('td', { class: 'num' }, String(entry.latencyMs)),
        h('td', { class: entry.checked ? (entry.verdict.ok ? (entry.verdict.violations.length ? 'warn' : 'ok') : 'bad') : 'muted' }, verdictText(entry)),
        h('td', { class: 'note-cell' }, entry.note || '')]
      : [h('td', {}, open), h('td', {}, portLabel(entry)), h('td', {}, entry.method), h('td', { class: 'route' }, routeText(entry)),
        h('td', { class: statusClass(entry.status) }, String(entry.status || '—')), h('td', { class: 'num' }, String(entry.latencyMs)),
        h('td', {}, entry.session || ''), h('td', {}, entry.scenario || ''),
        h('td', { class: 'ids' }, (entry.ids || []).map((i) => h('span', { class: 'id' }, h('span', { class: 'id-name' }, i.name), ' ', i.value)))];
    const tr = h('tr', { 'data-id': entry.id }, cells);
    tr.addEventListener('click', (event) => {
      if (!event.target.closest('button')) {
        openEntry(entry);
      }
    });
    return tr;
  }

  function renderAll() {
    const body = $('log-rows');
    fill(body, entries.filter(matches).map(row));
    $('log-empty').hidden = entries.length > 0;
    count();
  }

  function count() {
    fill($('log-count'), entries.length ? String(entries.length) : '');
  }

  function harvest(entry) {
    sawSession(entry.session);
    if (!entry.response || !entry.response.body) {
      return;
    }
    let json;
    try {
      json = JSON.parse(entry.response.body);
    } catch {
      return;
    }
    const walk = (node, depth) => {
      if (!node || typeof node !== 'object' || depth > 8 || names.size >= 5000) {
        return;
      }
      if (!Array.isArray(node) && typeof node.userId === 'string') {
        for (const key of ['userName', 'nickName', 'realName']) {
          if (typeof node[key] === 'string' && node[key]) {
            names.set(node[key], node.userId);
          }
        }
      }
      for (const value of Object.values(node)) {
        walk(value, depth + 1);
      }
    };
    walk(json, 0);
    emit('names', names);
  }

  function add(entry) {
    entries.unshift(entry);
    if (entries.length > MAX) {
      const gone = entries.pop();
      const shown = document.querySelector(`#log-rows tr[data-id="${CSS.escape(gone.id)}"]`);
      if (shown) {
        shown.remove();
      }
    }
    harvest(entry);
    if (proxy && entry.totals) {
      total(entry.totals);
    }
    if (matches(entry)) {
      $('log-rows').prepend(row(entry));
    }
    $('log-empty').hidden = true;
    count();
  }

  function receive(entry) {
    if (paused) {
      held.push(entry);
      if (held.length > MAX) {
        held.shift();
        heldLost += 1;
      }
      note();
      return;
    }
    add(entry);
  }

  function note() {
    const parts = [];
    if (paused) {
      parts.push(`Paused: ${held.length} new request${held.length === 1 ? '' : 's'} held${heldLost ? ` (${heldLost} older ones let go)` : ''}.`);
    }
    if (dropped) {
      parts.push(`${dropped} request${dropped === 1 ? ' was' : 's were'} not shown: this page read slower than requests arrived.`);
    }
    fill($('log-note'), parts.join(' '));
  }

  // Counts per route (the proxy): each event carries its route's totals, so the table is exact even after drops.
  const totals = new Map();
  function total(line) {
    totals.set(line.label, line);
    fill($('totals-rows'), [...totals.values()].sort((a, b) => a.label.localeCompare(b.label)).map((t) => h('tr', {},
      h('td', { class: 'route' }, t.label), h('td', { class: 'num' }, String(t.exchanges)), h('td', { class: 'num' }, String(t.checked)),
      h('td', { class: t.failed ? 'num bad' : 'num' }, String(t.failed)), h('td', { class: 'num' }, String(t.errors)), h('td', { class: 'num' }, String(t.warnings)))));
  }

  function message(title, part) {
    if (!part) {
      return null;
    }
    const headers = part.headers || [];
    return h('section', { class: 'message' },
      h('h3', {}, title, part.size ? h('span', { class: 'muted small' }, ` ${part.size} bytes`) : null),
      headers.length ? h('details', {}, h('summary', {}, `Headers (${headers.length})`),
        h('table', { class: 'grid headers' }, h('tbody', {}, headers.map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', { class: 'mono' }, v)))))) : null,
      part.body ? h('pre', { class: 'code', tabindex: '0', 'aria-label': `${title} body` }, pretty(part.body)) : h('p', { class: 'muted' }, 'No body.'),
      part.truncated ? h('p', { class: 'muted small' }, `Shown: the first ${new TextEncoder().encode(part.body).length} bytes of ${part.size}.`) : null);
  }

  function openEntry(entry) {
    opened = entry;
    const detail = $('log-detail');
    fill($('log-detail-title'), `${entry.method} ${routeText(entry)} — ${entry.status || 'no answer'}`);
    const facts = proxy
      ? [['Time', clock(entry.time)], ['Latency', `${entry.latencyMs} ms`], ['Checked', entry.checked ? 'yes' : 'no (not a documented route)']]
      : [['Time', clock(entry.time)], ['Port', portLabel(entry)], ['Latency', `${entry.latencyMs} ms`], ['Session', entry.session],
        ['Scenario', entry.scenario || '(none)'], ['Answered by', entry.answeredBy + (entry.mapping ? ` (${entry.mapping.title || entry.mapping.guid})` : '')]];
    if (entry.query) {
      facts.push(['Query', entry.query]);
    }
    if (entry.note) {
      facts.push(['Note', entry.note]);
    }
    if (entry.recordError) {
      facts.push(['Recording', entry.recordError]);
    }
    const verdict = h('div', { class: 'verdict-box', role: 'status' });
    const ids = (entry.ids || []).filter(() => info.world);
    fill($('log-detail-body'),
      h('dl', { class: 'facts' }, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      ids.length ? h('div', { class: 'buttons' }, ids.map((i) => h('button', {
        type: 'button', onclick: () => emit('find', { id: i.value, kind: i.name.toLowerCase().startsWith('chat') ? 'chat' : i.name === 'userId' ? 'user' : 'op', session: entry.session }),
      }, `Find ${i.name} ${i.value} in the world`))) : null,
      h('div', { class: 'messages' }, message('Request', entry.request), message('Response', entry.response)),
      h('h3', {}, 'Schema verdict'),
      verdict);
    if (proxy) {
      fill(verdict, entry.checked ? verdictView(entry.verdict) : h('p', { class: 'muted' }, 'Not checked: not a documented route.'));
    } else {
      fill(verdict, h('button', {
        type: 'button',
        onclick: async () => {
          fill(verdict, 'checking…');
          const result = await check(entry.path, entry.reqUrl, entry.status, entry.response ? entry.response.body : '');
          fill(verdict, entry.response && entry.response.truncated ? h('p', { class: 'muted' }, 'The body was cut for the log: the check sees only its start.') : null, result.view);
        },
      }, 'Check the answer against its schema'));
    }
    detail.hidden = false;
    detail.focus();
  }

  function closeEntry() {
    const detail = $('log-detail');
    detail.hidden = true;
    if (opened) {
      const button = document.querySelector(`#log-rows tr[data-id="${CSS.escape(opened.id)}"] .row-open`);
      if (button) {
        button.focus();
      }
    }
    opened = null;
  }

  $('log-detail-close').addEventListener('click', closeEntry);
  // Escape closes the open request wherever focus is (a check's result replaces the button that had it).
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !$('log-detail').hidden && !$('panel-log').hidden) {
      closeEntry();
    }
  });
  for (const input of Object.values(filters)) {
    input.addEventListener('input', renderAll);
    input.addEventListener('change', renderAll);
  }
  $('log-filters').addEventListener('submit', (event) => event.preventDefault());
  $('log-pause').addEventListener('click', () => {
    paused = !paused;
    $('log-pause').setAttribute('aria-pressed', String(paused));
    fill($('log-pause'), paused ? 'Resume' : 'Pause');
    if (!paused) {
      const release = held;
      held = [];
      heldLost = 0;
      for (const entry of release) {
        add(entry);
      }
    }
    note();
  });
  $('log-clear').addEventListener('click', () => {
    entries.length = 0;
    held = [];
    dropped = 0;
    closeEntry();
    renderAll();
    note();
  });

  connect(info, receive, (n) => {
    dropped += n;
    note();
  });
  renderAll();
}

/** The event stream, with what its state means in words: live, reconnecting, full, stopped. */
function connect(info, receive, lost) {
  const status = $('live-status');
  const source = new EventSource('api/events');
  source.addEventListener('open', () => fill(status, h('span', { class: 'ok' }, '● live')));
  source.addEventListener('exchange', (event) => receive(JSON.parse(event.data)));
  source.addEventListener('dropped', (event) => lost(JSON.parse(event.data).dropped));
  source.addEventListener('end', () => {
    source.close();
    fill(status, h('span', { class: 'bad' }, '■ the server stopped; reload this page when it is back'));
  });
  source.addEventListener('error', async () => {
    if (source.readyState === EventSource.CONNECTING) {
      fill(status, h('span', { class: 'warn' }, '○ reconnecting…'));
      return;
    }
    // Closed for good: the server refused the stream (most likely: too many pages watching).
    const answer = await fetch('api/info', { cache: 'no-store' }).then((r) => r.json()).catch(() => null);
    const live = answer && answer.live;
    fill(status, h('span', { class: 'bad' }, live && live.clients >= live.maxClients
      ? `■ the live log is full: ${live.maxClients} pages are watching already; close one and reload`
      : '■ the live log is not available; reload to try again'));
  });
}
