// The routes panel: every documented route with its request fields and their rules, and a form, prefilled with
// the doc's sample, that sends it directly or through the transfer relay, with a session and a scenario. The answer
// is shown beside its response schema's verdict.
import { $, call, check, fill, h, pretty, sawSession, statusClass, why } from './api.js';

export async function initRoutes(info) {
  const answer = await call('GET', 'api/routes');
  if (!answer.ok || !answer.json) {
    fill($('route-count'), `The routes could not be read: ${why(answer)}`);
    return;
  }
  const routes = answer.json.routes;
  const targets = (info.targets || []).flatMap((t) => info.host === 'proxy'
    ? [{ ...t, transfer: false, text: `through this proxy (${t.url})` }, { ...t, transfer: true, text: `through this proxy, via ${info.transferRoute}` }]
    : [{ ...t, transfer: t.app, text: t.app ? `${t.label}: ${t.url}${info.transferRoute}` : `${t.label}: ${t.url}` }]);
  let current = null;

  fill($('send-target'), targets.map((t, i) => h('option', { value: String(i) }, t.text)));
  $('send-scenario').append(...(info.scenarios || []).map((s) => h('option', { value: s.name }, `${s.name} — ${s.summary}`)));

  function label(route) {
    return `${route.number} ${route.method} ${route.route}`;
  }

  function renderList() {
    const filter = $('route-filter').value.trim().toLowerCase();
    const shown = routes.filter((r) => !filter || `${label(r)} ${r.title} ${r.transfers.map((t) => `${t.number} ${t.title}`).join(' ')}`.toLowerCase().includes(filter));
    fill($('route-list'), shown.map((route) => h('li', {},
      h('button', {
        type: 'button', class: 'route-item', 'aria-current': route === current ? 'true' : 'false', 'data-route': route.route,
        onclick: () => choose(route, true),
      },
      h('span', { class: 'route-line' }, h('span', { class: 'number' }, route.number), ' ', h('span', { class: `method method-${route.method}` }, route.method), ' ', h('span', { class: 'mono' }, route.route)),
      h('span', { class: 'route-title' }, route.title),
      route.transfers.length ? h('span', { class: 'muted small' }, `also ${route.transfers.map((t) => t.number).join(', ')} through ${info.transferRoute}`) : null))));
    fill($('route-count'), `${shown.length} of ${routes.length} documented routes`);
  }

  function rules(field) {
    const parts = [];
    if (field.enum) {
      parts.push(`one of ${field.enum.map((e) => (e.label ? `${JSON.stringify(e.value)} (${e.label})` : JSON.stringify(e.value))).join(', ')}`);
    }
    if (field.minimum !== undefined && field.maximum !== undefined) {
      parts.push(`${field.minimum} to ${field.maximum}`);
    } else if (field.minimum !== undefined) {
      parts.push(`at least ${field.minimum}`);
    } else if (field.maximum !== undefined) {
      parts.push(`at most ${field.maximum}`);
    }
    if (field.default !== undefined) {
      parts.push(`default ${JSON.stringify(field.default)}`);
    }
    if (field.format) {
      parts.push(`format ${field.format}`);
    } else if (field.pattern) {
      parts.push(`pattern ${field.pattern}`);
    }
    if (field.minLength === 1) {
      parts.push('not empty');
    } else if (field.minLength) {
      parts.push(`at least ${field.minLength} characters`);
    }
    if (field.maxLength) {
      parts.push(`at most ${field.maxLength} characters`);
    }
    if (field.nullable) {
      parts.push('may be null');
    }
    return parts.join('; ');
  }

  function sample(route) {
    const text = JSON.stringify(route.sample, null, 2);
    $('send-body').value = text;
    $('send-body').rows = Math.min(16, Math.max(3, text.split('\n').length + 1));
    $('send-query').value = route.query || '';
    fill($('send-body-hint'), route.sampleSource === 'doc' ? '— the doc\'s sample' : route.sampleSource === 'world' ? '— ids from the world (the doc shows no sample)' : '');
  }

  function choose(route, focus) {
    current = route;
    fill($('route-title'), `${route.number} ${route.title}`);
    fill($('route-meta'), h('span', { class: `method method-${route.method}` }, route.method), ' ', h('span', { class: 'mono' }, route.route),
      ` · doc ${route.doc}`, route.inQuery ? ' · params go in the query string' : ' · params go in a JSON body',
      route.transfers.length ? ` · relayed by ${route.transfers.map((t) => `${t.number} ${t.title}`).join(', ')}` : '');
    const table = $('route-fields');
    table.hidden = false;
    fill(table.tBodies[0], route.fields.length ? route.fields.map((f) => h('tr', {},
      h('th', { scope: 'row', class: 'mono' }, f.name),
      h('td', {}, f.type + (f.docType ? ` (${f.docType})` : '')),
      h('td', {}, f.required ? 'yes' : 'no'),
      h('td', {}, rules(f)),
      h('td', {}, f.description))) : h('tr', {}, h('td', { colspan: '5', class: 'muted' }, 'This route takes no params.')));
    $('send-form').hidden = false;
    $('answer').hidden = true;
    sample(route);
    renderList();
    if (focus) {
      $('route-title').focus();
    }
  }

  function queryOf(params) {
    return Object.entries(params).filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`).join('&');
  }

  async function send(event) {
    event.preventDefault();
    if (!current) {
      return;
    }
    const route = current;
    const target = targets[Number($('send-target').value)] || targets[0];
    const text = $('send-body').value;
    let params = null;
    try {
      params = text.trim() ? JSON.parse(text) : {};
    } catch (error) {
      params = null;
      if (target.transfer || route.inQuery) {
        show(null, `The params are not JSON (${error.message}); fix them to send this way.`);
        return;
      }
    }
    const headers = {};
    const session = $('send-session').value.trim();
    const scenario = $('send-scenario').value;
    if (session) {
      headers[info.headers.session] = session;
      sawSession(session);
    }
    if (scenario) {
      headers[info.headers.scenario] = scenario;
    }
    let url;
    let method = route.method;
    let body;
    if (target.transfer) {
      url = target.url + info.transferRoute;
      method = 'POST';
      body = JSON.stringify({ reqUrl: route.route, ...(params && typeof params === 'object' ? params : {}) });
    } else if (route.inQuery) {
      url = target.url + route.route;
      const query = queryOf(params && typeof params === 'object' ? params : {});
      url += query ? `?${query}` : '';
    } else {
      url = target.url + route.route;
      body = text;
    }
    const common = $('send-query').value.trim().replace(/^\?/, '');
    if (common) {
      url += (url.includes('?') ? '&' : '?') + common;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    $('send-button').disabled = true;
    show(null, `Sending ${method} ${url} …`);
    const started = performance.now();
    let status = 0;
    let answerText = '';
    try {
      const response = await fetch(url, { method, headers, body, cache: 'no-store', credentials: 'omit' });
      status = response.status;
      answerText = await response.text();
    } catch (error) {
      show(null, `No answer from ${url}: ${error.message} (the connection was refused, dropped or cut: a fault scenario does that).`);
      $('send-button').disabled = false;
      return;
    }
    const ms = Math.round(performance.now() - started);
    show(status, `HTTP ${status} in ${ms} ms — ${method} ${url.split('?')[0]}`, answerText);
    $('send-button').disabled = false;
    fill($('answer-verdict'), 'checking…');
    const result = await check(target.transfer ? info.transferRoute : route.route, target.transfer ? route.route : null, status, answerText);
    fill($('answer-verdict'), result.view);
  }

  function show(status, line, body) {
    $('answer').hidden = false;
    fill($('answer-status'), h('span', { class: statusClass(status) }, line));
    fill($('answer-body'), body === undefined ? '' : pretty(body));
    fill($('answer-verdict'), '');
  }

  $('route-filter').addEventListener('input', renderList);
  $('send-form').addEventListener('submit', send);
  $('send-sample').addEventListener('click', () => current && sample(current));
  if (routes.length) {
    choose(routes[0], false);
  } else {
    renderList();
  }
}
