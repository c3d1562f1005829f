// The world panel: finds a user, chat or OP by id (or a user by a name seen in the log's answers) and shows its
// attributes, how each route shows it, its related entities and what its session changed.
import { $, call, emit, fill, h, on, pretty, sawSession, why } from './api.js';

export function initWorld() {
  let names = new Map();
  on('names', (seen) => {
    names = seen;
  });
  on('find', ({ id, kind, session }) => {
    $('world-q').value = id;
    $('world-kind').value = kind || '';
    $('world-session').value = session && session !== 'default' ? session : '';
    emit('show', 'world');
    find();
  });

  function looksLikeName(text) {
    // Ids are ASCII without spaces; a name has Chinese characters or spaces.
    return /[^\x21-\x7e]/.test(text);
  }

  async function find(event) {
    if (event) {
      event.preventDefault();
    }
    const q = $('world-q').value.trim();
    const list = $('world-names');
    list.hidden = true;
    if (!q) {
      fill($('world-status'), 'Type an id, or a user\'s name seen in the log.');
      return;
    }
    if (looksLikeName(q)) {
      const found = [...names.entries()].filter(([name]) => name.includes(q)).slice(0, 20);
      if (found.length === 0) {
        fill($('world-status'), `No user named “${q}” in the answers shown in the log yet; search by id, or send a request that shows that user.`);
        fill($('world-result'));
        return;
      }
      if (found.length > 1) {
        fill($('world-status'), `${found.length} users seen in the log match “${q}”:`);
        fill(list, found.map(([name, id]) => h('li', {}, h('button', { type: 'button', onclick: () => lookup(id, 'user') }, `${name} (${id})`))));
        list.hidden = false;
        fill($('world-result'));
        return;
      }
      await lookup(found[0][1], 'user');
      return;
    }
    await lookup(q, $('world-kind').value);
  }

  async function lookup(id, kind) {
    const session = $('world-session').value.trim();
    if (session) {
      sawSession(session);
    }
    const params = new URLSearchParams({ q: id });
    if (kind) {
      params.set('kind', kind);
    }
    if (session) {
      params.set('session', session);
    }
    fill($('world-status'), `Looking up ${id} …`);
    const answer = await call('GET', `api/world?${params}`);
    if (!answer.ok) {
      fill($('world-status'), `Not found: ${why(answer)}`);
      fill($('world-result'));
      return;
    }
    render(answer.json);
  }

  const sources = {
    world: 'an entity of the generated world',
    example: 'shown in a doc\'s example',
    fixture: 'pinned in the fixtures',
    session: 'created by this session',
    other: 'not an id the world made; answered the same way on every request',
  };

  function render(entity) {
    const kindName = { user: 'User', chat: 'Chat', op: 'OP' }[entity.kind] || entity.kind;
    fill($('world-status'), `Found ${kindName} ${entity.id}.`);
    const changes = entity.changes.available
      ? (entity.changes.changed ? h('pre', { class: 'code', tabindex: '0' }, pretty(JSON.stringify(entity.changes.changed)))
        : h('p', { class: 'muted' }, `Session “${entity.session}” changed nothing about it.`))
      : h('p', { class: 'muted' }, `Not available: ${entity.changes.note}.`);
    fill($('world-result'),
      h('article', { class: 'entity', 'aria-labelledby': 'entity-title' },
        h('h2', { id: 'entity-title', tabindex: '-1' }, `${kindName} `, h('span', { class: 'mono' }, entity.id)),
        h('p', { class: 'muted' }, sources[entity.source] || entity.source),
        h('div', { class: 'entity-grid' },
          h('section', { 'aria-labelledby': 'entity-attributes' },
            h('h3', { id: 'entity-attributes' }, 'Generated attributes'),
            h('p', { class: 'muted small' }, 'What the world made for this id; the routes below show it with the docs\' examples and the fixtures\' pins applied.'),
            attributes(entity.attributes)),
          h('section', { 'aria-labelledby': 'entity-related' },
            h('h3', { id: 'entity-related' }, 'Related'),
            entity.related.length ? h('ul', { class: 'related' }, entity.related.map((r) => h('li', {},
              h('span', { class: 'muted' }, `${r.relation}: `),
              h('button', { type: 'button', class: 'link', onclick: () => { $('world-q').value = r.id; lookup(r.id, r.kind); } }, `${r.kind} ${r.label}`),
              ' ', h('span', { class: 'mono small' }, r.id)))) : h('p', { class: 'muted' }, 'Nothing related.'),
            h('h3', {}, `What session “${entity.session}” changed`),
            changes)),
        h('h3', {}, 'As the routes show it'),
        entity.routes.length ? entity.routes.map((r, i) => h('details', { class: 'route-data', open: i === 0 },
          h('summary', {}, h('span', { class: 'mono' }, r.route), ` ${r.title} — asked ${Object.entries(r.asked).map(([k, v]) => `${k}=${v}`).join(', ')}`),
          h('pre', { class: 'code', tabindex: '0' }, JSON.stringify(r.data, null, 2)))) : h('p', { class: 'muted' }, 'No route takes this kind of id.')));
    $('entity-title').focus();
  }

  function value(v) {
    if (v === null || v === undefined) {
      return '—';
    }
    if (Array.isArray(v)) {
      // A list of records (addresses, contacts) reads best one per line.
      return v.length === 0 ? '(none)' : h('ul', { class: 'plain' }, v.map((item) => h('li', {}, typeof item === 'object' ? Object.values(item).join(' · ') : String(item))));
    }
    return typeof v === 'object' ? Object.entries(v).map(([k, x]) => `${k}: ${typeof x === 'object' ? JSON.stringify(x) : x}`).join(' · ') : String(v);
  }

  function attributes(record) {
    const rows = Object.entries(record || {}).map(([key, v]) => h('tr', {}, h('th', { scope: 'row' }, key), h('td', {}, value(v))));
    return h('table', { class: 'grid attributes' }, h('tbody', {}, rows));
  }

  $('world-form').addEventListener('submit', find);
}
