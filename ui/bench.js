// @ts-check
// Times the Sessions filter: renders the real view with N fake roles, then "types" queries one
// key at a time and measures each keystroke (filter, and filter plus the layout it causes).
import { createSessionsView } from './views/sessions.js';

const N = Number(new URLSearchParams(location.search).get('roles') ?? 1000);
const out = /** @type {HTMLElement} */ (document.getElementById('bench-output'));
const panel = /** @type {HTMLElement} */ (document.getElementById('panel'));
const now = Date.now();
const iso = (ms) => new Date(ms).toISOString();

function fakeSnapshot() {
  const roles = Array.from({ length: N }, (_, i) => {
    const account = String(100000000000 + i * 7919);
    const role = {
      name: `team-${String(i).padStart(4, '0')}`, role_arn: `arn:aws:iam::${account}:role/app-${i % 37}-reader`,
      source: 'alice', via: null, favourite: i % 50 === 0, session: /** @type {any} */ (null),
    };
    if (i % 40 === 0) {
      const arn = `arn:aws:sts::${account}:assumed-role/app-${i % 37}-reader/roletray`;
      role.session = { assumed_role_arn: arn, verified_arn: arn, expiration: iso(now + (i + 60) * 1000) };
    }
    return role;
  });
  return { now: iso(now), active_role: roles[0].name, roles, sources: [], activity: [], settings: { default_shell: 'bash', notify_before_seconds: 600 } };
}

const noop = () => {};
const view = createSessionsView(panel, { assume: noop, renew: noop, end: noop, copy: noop, writeProfile: noop, goTo: noop });

function time(fn) {
  const start = performance.now();
  fn();
  const js = performance.now() - start;
  void panel.offsetHeight;
  return { js, total: performance.now() - start };
}

const stats = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)].toFixed(2)} ms, max ${sorted[sorted.length - 1].toFixed(2)} ms`;
};

function run() {
  const snapshot = fakeSnapshot();
  const lines = [`${N} roles (${snapshot.roles.filter((r) => r.session).length} with a session)`];
  lines.push(`first render: ${time(() => view.render(snapshot, 0)).total.toFixed(1)} ms`);
  lines.push(`same snapshot again: ${time(() => view.render(structuredClone(snapshot), 0)).total.toFixed(1)} ms`);
  lines.push(`countdown tick: ${time(() => view.tick(0, Date.now() + 1000)).total.toFixed(2)} ms`);
  const js = [];
  const total = [];
  const keystrokes = [];
  const shown = [];
  for (const query of ['team-04', 'app-12 reader', 'arn:aws:sts', 'zzz']) {
    for (let i = 1; i <= query.length; i++) keystrokes.push(query.slice(0, i));
    for (let i = query.length - 1; i >= 0; i--) keystrokes.push(query.slice(0, i));
  }
  for (const value of keystrokes) {
    view.filter.value = value;
    let count = 0;
    const t = time(() => { count = view.applyFilter(); });
    shown.push(count);
    js.push(t.js);
    total.push(t.total);
  }
  lines.push(`${keystrokes.length} keystrokes, filter only: ${stats(js)}`);
  lines.push(`${keystrokes.length} keystrokes, filter + layout: ${stats(total)}`);
  lines.push('', 'per keystroke (query: shown rows, filter ms / with layout ms):');
  keystrokes.forEach((value, i) => lines.push(`  ${JSON.stringify(value).padEnd(16)} ${String(shown[i]).padStart(5)}  ${js[i].toFixed(2)} / ${total[i].toFixed(2)}`));
  out.textContent = lines.join('\n');
  console.log(out.textContent);
}

requestAnimationFrame(run);
