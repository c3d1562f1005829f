// The console's entry point: reads what this server is (opmock serve or opmock proxy), sets up the tabs
// (keyboard: arrows, Home, End; the URL's #hash names the open panel) and starts each panel.
import { $, call, emit, fill, h, on, setOwnHeader, why } from './api.js';
import { initChanges } from './changes.js';
import { initLog } from './log.js';
import { initRoutes } from './routes.js';
import { initSessions } from './sessions.js';
import { initWorld } from './world.js';

const tabs = () => [...document.querySelectorAll('[role="tab"]')].filter((tab) => !tab.hidden);

function select(tab, focus) {
  for (const other of tabs()) {
    const selected = other === tab;
    other.setAttribute('aria-selected', String(selected));
    other.tabIndex = selected ? 0 : -1;
    $(other.getAttribute('aria-controls')).hidden = !selected;
  }
  if (focus) {
    tab.focus();
  }
  const name = tab.id.replace('tab-', '');
  if (location.hash !== `#${name}`) {
    history.replaceState(null, '', `#${name}`);
  }
  emit('shown', name);
}

function showPanel(name) {
  const tab = $(`tab-${name}`);
  if (tab && !tab.hidden) {
    select(tab, false);
  }
}

function initTabs() {
  const list = $('tabs');
  list.addEventListener('click', (event) => {
    const tab = event.target.closest('[role="tab"]');
    if (tab) {
      select(tab, true);
    }
  });
  list.addEventListener('keydown', (event) => {
    const all = tabs();
    const at = all.indexOf(document.activeElement);
    if (at < 0) {
      return;
    }
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: all.length - 1 }[event.key];
    if (next === undefined) {
      return;
    }
    event.preventDefault();
    select(all[(next + all.length) % all.length], true);
  });
  const wanted = $(`tab-${location.hash.slice(1)}`);
  select(wanted && !wanted.hidden ? wanted : tabs()[0], false);
}

async function boot() {
  const answer = await call('GET', 'api/info');
  if (!answer.ok || !answer.json) {
    fill($('live-status'), `The console could not start: ${why(answer)}`);
    return;
  }
  const info = answer.json;
  setOwnHeader(info.ownHeader);
  const proxy = info.host === 'proxy';
  fill($('host-kind'), proxy ? 'proxy' : 'mock server');
  fill($('host-summary'), proxy
    ? `Forwarding to ${info.target}; every answer is checked against the docs as it passes.`
    : info.targets.map((t) => `${t.label}: ${t.url}`).join(' · '));
  document.title = proxy ? 'OpMock proxy console' : 'OpMock console';
  $('tab-world').hidden = !info.world;
  $('tab-sessions').hidden = !info.sessions;
  $('tab-changes').hidden = !info.changes;
  initLog(info);
  await initRoutes(info);
  if (info.world) {
    initWorld(info);
  }
  if (info.sessions) {
    initSessions(info);
  }
  if (info.changes) {
    initChanges(info);
  }
  initTabs();
  document.body.dataset.ready = 'true';
}

on('show', showPanel);
window.addEventListener('hashchange', () => showPanel(location.hash.slice(1)));
boot().catch((error) => {
  fill($('live-status'), h('span', { class: 'bad' }, `The console failed: ${error.message}`));
  throw error;
});
