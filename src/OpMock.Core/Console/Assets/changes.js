// The Changes panel (`opmock serve --base OLD`): what the served docs changed against the base, as `opmock diff`
// lists it, so a frontend developer sees at a glance what moved under them. Read again each time the panel is shown:
// a reload (--watch) that edits a doc shows on the next look.
import { $, call, fill, h, on, why } from './api.js';

const words = { breaking: 'breaking', 'potentially-breaking': 'potentially breaking', safe: 'safe' };

function arrow(change) {
  if (!change.before) {
    return change.after;
  }
  return change.after ? `${change.before} → ${change.after}` : `${change.before} → (gone)`;
}

export function initChanges(info) {
  async function load() {
    const answer = await call('GET', 'api/changes');
    if (!answer.ok || !answer.json) {
      fill($('changes-summary'), `The changes could not be read: ${why(answer)}`);
      return;
    }
    const { changes, summary } = answer.json;
    const table = $('changes-table');
    fill($('changes-count'), summary.breaking > 0 ? String(summary.breaking) : '');
    fill($('changes-summary'), changes.length === 0
      ? `The served docs promise what ${info.changes} does: no changes.`
      : `Against ${info.changes}: ${summary.breaking} breaking, ${summary.potentiallyBreaking} potentially breaking, ${summary.safe} safe change${changes.length === 1 ? '' : 's'} on ${summary.routes} route${summary.routes === 1 ? '' : 's'}.`);
    table.hidden = changes.length === 0;
    fill(table.tBodies[0], ...changes.map((change) => h('tr', { class: `severity-${change.severity}` },
      h('td', {}, h('span', { class: change.severity === 'breaking' ? 'bad' : change.severity === 'safe' ? 'ok' : 'warn' }, words[change.severity] || change.severity)),
      h('td', {}, h('code', {}, change.route)),
      h('td', {}, change.where),
      h('td', {}, change.path ? h('code', {}, change.path) : ''),
      h('td', {}, change.change),
      h('td', {}, arrow(change)))));
  }

  on('shown', (name) => {
    if (name === 'changes') {
      load();
    }
  });
  load();
}
