// Sessions and scenarios: the sessions the server keeps (changes, last use, default scenario), reset one or all,
// and a default scenario per session. Calls the sessions admin endpoints; says so plainly when a server has none.
import { $, call, fill, h, on, sawSession, why } from './api.js';

export function initSessions(info) {
  const endpoints = info.sessions;
  const scenarios = info.scenarios || [];

  fill($('scenarios-rows'), scenarios.length
    ? scenarios.map((s) => h('tr', {}, h('th', { scope: 'row', class: 'mono' }, s.name), h('td', {}, s.summary)))
    : h('tr', {}, h('td', { colspan: '2', class: 'muted' }, 'The fixtures define no scenario.')));

  function scenarioSelect(id, chosen, labelText) {
    return h('select', { id, 'aria-label': labelText },
      h('option', { value: '' }, '(none)'),
      scenarios.map((s) => h('option', { value: s.name, selected: s.name === chosen }, s.name)));
  }
  fill($('session-set-scenario'), h('option', { value: '' }, '(none)'), scenarios.map((s) => h('option', { value: s.name }, s.name)));

  function status(text, tone) {
    fill($('sessions-status'), tone ? h('span', { class: tone }, text) : text);
  }

  // The list's shape: [..] or {sessions: [..]} or the house envelope's data; each with name, changes, lastUse, scenario.
  function read(json) {
    const list = Array.isArray(json) ? json
      : Array.isArray(json && json.sessions) ? json.sessions
        : Array.isArray(json && json.data) ? json.data
          : Array.isArray(json && json.data && json.data.sessions) ? json.data.sessions : [];
    const pick = (item, ...keys) => keys.map((k) => item[k]).find((v) => v !== undefined);
    return list.map((item) => ({
      name: String(pick(item, 'name', 'session') ?? ''),
      changes: pick(item, 'changes', 'changeCount', 'changed') ?? 0,
      lastUse: pick(item, 'lastUse', 'lastUsed', 'lastUseTime', 'lastSeen') ?? null,
      scenario: pick(item, 'scenario', 'defaultScenario') ?? '',
    })).filter((s) => s.name);
  }

  function when(value) {
    if (!value) {
      return '—';
    }
    const time = new Date(value);
    return Number.isNaN(time.getTime()) ? String(value) : time.toLocaleString();
  }

  async function refresh(message) {
    const answer = await call('GET', endpoints.list);
    const table = $('sessions-table');
    if (answer.status === 404 || answer.status === 501) {
      table.hidden = true;
      $('session-set').hidden = true;
      $('sessions-reset-all').disabled = true;
      status(`Sessions are not available on this server: GET ${endpoints.list} answered ${answer.status}. Requests still carry X-OpMock-Session; scenarios can be chosen per request.`, 'warn');
      return;
    }
    if (!answer.ok) {
      status(`The sessions could not be read: ${why(answer)}`, 'bad');
      return;
    }
    const sessions = read(answer.json);
    sessions.forEach((s) => sawSession(s.name));
    table.hidden = false;
    $('session-set').hidden = false;
    $('sessions-reset-all').disabled = false;
    fill($('sessions-rows'), sessions.length ? sessions.map((s, i) => h('tr', { 'data-session': s.name },
      h('th', { scope: 'row', class: 'mono' }, s.name),
      h('td', { class: 'num' }, String(s.changes)),
      h('td', {}, when(s.lastUse)),
      h('td', {}, scenarioSelect(`session-scenario-${i}`, s.scenario, `Default scenario of session ${s.name}`)),
      h('td', {}, h('div', { class: 'buttons' },
        h('button', { type: 'button', onclick: () => setScenario(s.name, $(`session-scenario-${i}`).value) }, `Set scenario`),
        h('button', { type: 'button', onclick: () => reset(s.name) }, `Reset ${s.name}`)))))
      : h('tr', {}, h('td', { colspan: '5', class: 'muted' }, 'No session yet: a request with X-OpMock-Session starts one.')));
    status(message || `${sessions.length} session${sessions.length === 1 ? '' : 's'}.`, message ? 'ok' : null);
  }

  async function reset(name) {
    const url = name ? `${endpoints.reset}?session=${encodeURIComponent(name)}` : endpoints.reset;
    const answer = await call('POST', url, {});
    if (!answer.ok) {
      status(`Reset failed: ${why(answer)}`, 'bad');
      return;
    }
    await refresh(name ? `Session ${name} reset: its changes are gone.` : 'Every session reset.');
  }

  async function setScenario(name, scenario) {
    const answer = await call('PUT', `${endpoints.list}/${encodeURIComponent(name)}`, { scenario: scenario || null });
    if (!answer.ok) {
      status(`Setting the scenario failed: ${why(answer)}`, 'bad');
      return;
    }
    await refresh(scenario ? `Session ${name} now answers with scenario ${scenario} by default.` : `Session ${name} has no default scenario now.`);
  }

  $('sessions-refresh').addEventListener('click', () => refresh());
  $('sessions-reset-all').addEventListener('click', () => reset(null));
  $('session-set').addEventListener('submit', (event) => {
    event.preventDefault();
    const name = $('session-set-name').value.trim();
    if (!name) {
      status('Name the session first.', 'warn');
      $('session-set-name').focus();
      return;
    }
    sawSession(name);
    setScenario(name, $('session-set-scenario').value);
  });
  // Read when the panel is shown (each time: sessions change as requests arrive), not before anyone looks.
  on('shown', (panel) => {
    if (panel === 'sessions') {
      refresh();
    }
  });
}
