// Shared helpers: building elements (text only: whatever a request carried is shown, never parsed as HTML),
// calling the console API and the admin endpoints, and a tiny event bus between panels.

/** An element with attributes (or properties for on* handlers and booleans) and children (strings become text). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(element, child);
    } else {
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
}

/** Replaces an element's children. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

export const $ = (id) => document.getElementById(id);

/** The console's own calls to the admin API carry this header, so they stay out of its live log. */
let ownHeader = 'X-OpMock-Console';

export function setOwnHeader(name) {
  ownHeader = name || ownHeader;
}

/** A JSON call: { ok, status, json, text, error } — never throws (a refused connection is error). */
export async function call(method, url, body, headers = {}) {
  const init = { method, headers: { [ownHeader]: '1', ...headers }, cache: 'no-store' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  try {
    const response = await fetch(url, init);
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { ok: response.ok, status: response.status, json, text, error: null };
  } catch (error) {
    return { ok: false, status: 0, json: null, text: '', error: String(error && error.message || error) };
  }
}

/** What an error answer says: the envelope's message, else the status. */
export function why(answer) {
  if (answer.error) {
    return `no answer (${answer.error})`;
  }
  return (answer.json && answer.json.message) || `HTTP ${answer.status}`;
}

/** JSON text pretty-printed; other text as it is. */
export function pretty(text) {
  if (!text) {
    return '';
  }
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function clock(iso) {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) {
    return iso;
  }
  const two = (n) => String(n).padStart(2, '0');
  return `${two(time.getHours())}:${two(time.getMinutes())}:${two(time.getSeconds())}.${String(time.getMilliseconds()).padStart(3, '0')}`;
}

export function statusClass(status) {
  if (!status) {
    return 'status-none';
  }
  return `status-${String(status)[0]}xx`;
}

/** A checked response's verdict: conforms, or each violation with its path, what the schema expects and what was found. */
export function verdictView(verdict) {
  if (!verdict) {
    return h('p', { class: 'muted' }, 'Not checked: not a documented route.');
  }
  if (verdict.violations.length === 0) {
    return h('p', { class: 'verdict ok' }, `✔ Conforms to the response schema of ${verdict.label}.`);
  }
  const counts = `${verdict.errors} error${verdict.errors === 1 ? '' : 's'}, ${verdict.warnings} warning${verdict.warnings === 1 ? '' : 's'}`;
  return h('div', {},
    h('p', { class: verdict.ok ? 'verdict warn' : 'verdict bad' }, `${verdict.ok ? '⚠' : '✘'} ${counts} against ${verdict.label}`),
    h('table', { class: 'grid violations' },
      h('caption', { class: 'sr-only' }, 'Violations'),
      h('thead', {}, h('tr', {}, ['Path', 'Expected', 'Found', 'Message'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, verdict.violations.map((v) => h('tr', { class: v.severity },
        h('td', { class: 'mono' }, v.path), h('td', {}, v.expected), h('td', { class: 'mono' }, v.actual), h('td', {}, `${v.severity}: ${v.message}`))))),
    verdict.more ? h('p', { class: 'muted' }, `… and ${verdict.more} more.`) : null);
}

/** Checks a body against its route's response schema through the console API. */
export async function check(path, reqUrl, status, body) {
  const answer = await call('POST', 'api/check', { route: path, reqUrl: reqUrl || null, status: status || null, body });
  if (answer.status === 404) {
    return { view: verdictView(null) };
  }
  if (!answer.ok) {
    return { view: h('p', { class: 'verdict bad' }, `The check failed: ${why(answer)}`) };
  }
  return { verdict: answer.json, view: verdictView(answer.json) };
}

// Panels talk through a few named events: a session seen, a user name seen, "find this id in the world".
const listeners = new Map();

export function on(name, listener) {
  if (!listeners.has(name)) {
    listeners.set(name, []);
  }
  listeners.get(name).push(listener);
}

export function emit(name, data) {
  for (const listener of listeners.get(name) || []) {
    listener(data);
  }
}

/** Sessions named anywhere (the sessions list, the log) feed one datalist for every session input. */
const sessionNames = new Set();

export function sawSession(name) {
  if (!name || sessionNames.has(name) || sessionNames.size >= 500) {
    return;
  }
  sessionNames.add(name);
  $('session-names').append(h('option', { value: name }));
}
