// @ts-check
// Times the Sessions and Roles views with N fake roles (bench.html?roles=5000; default 1,000;
// &views=sessions or &views=roles for one). Each figure is taken inside a
// requestAnimationFrame callback and ends when the frame it started has been rendered (a
// MessageChannel message posted from that callback arrives after the frame's style, layout
// and paint): the work a keystroke costs before the person sees its result, without the wait
// for the display's next refresh. First render: the view's first `render` and its first frame.
// Keystrokes: "typing" queries one key at a time into the view's filter (an `input` event).
import { createSessionsView } from './views/sessions.js';
import { createRolesView } from './views/roles.js';
import { roleHaystack, filterTerms, matchesTerms } from './role-lists.js';

const params = new URLSearchParams(location.search);
const N = Number(params.get('roles') ?? 1000);
const which = (params.get('views') ?? 'sessions,roles').split(',');
const out = /** @type {HTMLElement} */ (document.getElementById('bench-output'));
const sessionsPanel = /** @type {HTMLElement} */ (document.getElementById('panel'));
const rolesPanel = /** @type {HTMLElement} */ (document.getElementById('panel-roles'));
const now = Date.now();
const iso = (ms) => new Date(ms).toISOString();
const LABELS = [null, 'production', 'staging', null, 'dev'];

function fakeSnapshot() {
  const roles = Array.from({ length: N }, (_, i) => {
    const account = String(100000000000 + i * 7919);
    const environment = LABELS[i % LABELS.length];
    const role = {
      name: `team-${String(i).padStart(4, '0')}`, role_arn: `arn:aws:iam::${account}:role/app-${i % 37}-reader`,
      source: i % 3 ? 'alice' : 'ops', via: null, favourite: i % 50 === 0, session: /** @type {any} */ (null),
      environment, colour: environment === 'production' ? 'red' : null, asks_first: environment === 'production',
      region: 'eu-west-1', duration_seconds: 3600, external_id: null, mfa_serial: null, session_name: null,
      sso: null, signin: null, identity_center: null,
    };
    if (i % 40 === 0) {
      const arn = `arn:aws:sts::${account}:assumed-role/app-${i % 37}-reader/roletray`;
      role.session = { assumed_role_arn: arn, verified_arn: arn, expiration: iso(now + (i + 60) * 1000) };
    }
    return role;
  });
  const names = roles.map((r) => r.name);
  const sources = ['alice', 'ops'].map((name) => ({ name, access_key_id_masked: 'AKIA…MPLE', mfa_serial: null, mfa_command: null,
    region: null, key: null, roles: names.filter((_, i) => (i % 3 ? 'alice' : 'ops') === name) }));
  return { now: iso(now), active_role: roles[0].name, roles, sources, sso_sources: [], signin_sources: [], activity: [],
    settings: { default_shell: 'bash', notify_before_seconds: 600 } };
}

/** Runs `fn` at the start of a frame; resolves to { js, frame } in ms once that frame is rendered. */
function timeFrame(fn) {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const start = performance.now();
      fn();
      const js = performance.now() - start;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve({ js, frame: performance.now() - start });
      channel.port2.postMessage(null);
    });
  });
}

const fmt = (x) => x.toFixed(2);
const stats = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return `median ${fmt(sorted[Math.floor(sorted.length / 2)])} ms, max ${fmt(sorted[sorted.length - 1])} ms`;
};

function keystrokes() {
  const list = [];
  for (const query of ['team-04', 'app-12 reader', 'production 1000', '1000-0', 'zzz']) {
    for (let i = 1; i <= query.length; i++) list.push(query.slice(0, i));
    for (let i = query.length - 1; i >= 0; i--) list.push(query.slice(0, i));
  }
  return list;
}

/** Types every keystroke into `filter`; returns per-keystroke lines and timings. */
async function type(filter, roles) {
  const haystacks = roles.map(roleHaystack);
  const rows = [];
  for (const value of keystrokes()) {
    const t = await timeFrame(() => {
      filter.value = value;
      filter.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const terms = filterTerms(value);
    rows.push({ value, shown: haystacks.filter((s) => matchesTerms(s, terms)).length, ...t });
  }
  return rows;
}

async function benchSessions(snapshot, lines) {
  sessionsPanel.hidden = false;
  rolesPanel.hidden = true;
  const noop = () => {};
  const view = createSessionsView(sessionsPanel, { assume: noop, renew: noop, end: noop, copy: noop, copyLive: noop, console: noop, writeProfile: noop, goTo: noop });
  lines.push(`Sessions: ${N} roles (${snapshot.roles.filter((r) => r.session).length} with a session)`);
  const first = await timeFrame(() => view.render(snapshot, 0));
  lines.push(`first render: ${first.frame.toFixed(1)} ms`);
  lines.push(`  of which the view's JavaScript: ${first.js.toFixed(1)} ms`);
  lines.push(`same snapshot again: ${(await timeFrame(() => view.render(structuredClone(snapshot), 0))).frame.toFixed(1)} ms`);
  lines.push(`countdown tick: ${fmt((await timeFrame(() => view.tick(0, Date.now() + 1000))).frame)} ms`);
  const rows = await type(view.filter, snapshot.roles);
  lines.push(`${rows.length} keystrokes, keystroke to frame: ${stats(rows.map((r) => r.frame))}`);
  lines.push(`${rows.length} keystrokes, the view's JavaScript: ${stats(rows.map((r) => r.js))}`);
  lines.push('', 'per keystroke (query: shown rows, JavaScript ms / to frame ms):');
  for (const r of rows) lines.push(`  ${JSON.stringify(r.value).padEnd(18)} ${String(r.shown).padStart(5)}  ${fmt(r.js)} / ${fmt(r.frame)}`);
  sessionsPanel.hidden = true;
}

async function benchRoles(snapshot, lines) {
  rolesPanel.hidden = false;
  const view = createRolesView(rolesPanel);
  lines.push('', `Roles: ${N} roles`);
  const first = await timeFrame(() => view.render(snapshot));
  lines.push(`roles first render: ${first.frame.toFixed(1)} ms (the view's JavaScript: ${first.js.toFixed(1)} ms)`);
  const filter = /** @type {HTMLInputElement | undefined} */ (/** @type {any} */ (view).filter);
  if (!filter) { lines.push('roles: no filter'); return; }
  const rows = await type(filter, snapshot.roles);
  lines.push(`roles ${rows.length} keystrokes, keystroke to frame: ${stats(rows.map((r) => r.frame))}`);
  lines.push(`roles ${rows.length} keystrokes, the view's JavaScript: ${stats(rows.map((r) => r.js))}`);
  lines.push('roles per keystroke (query: shown rows, JavaScript ms, to frame ms):');
  for (const r of rows) lines.push(`  ${JSON.stringify(r.value).padEnd(18)} ${String(r.shown).padStart(5)}  ${fmt(r.js)}, ${fmt(r.frame)}`);
}

async function run() {
  const snapshot = fakeSnapshot();
  const lines = [];
  if (which.includes('sessions')) await benchSessions(snapshot, lines);
  if (which.includes('roles')) await benchRoles(snapshot, lines);
  out.textContent = lines.join('\n');
  // scripts/bench.sh reads this from Chromium's console log (tests/src/bench/scale.rs).
  console.log(out.textContent);
}

requestAnimationFrame(() => { run(); });
