// @ts-check
// The quick-switch palette (palette.html): a search over every role, the
// best matches ranked by the backend (the match, then how much each role is
// used), and keys that act on the chosen one. A production role asks first,
// here, from the keyboard. Failures stay in the palette; success closes it.
import { invoke } from './ipc.js';
import { explainError, normaliseError } from './errors.js';
import { t } from './i18n.js';
import { applyCatalogue } from './i18n-page.js';
import { paletteStep, dashedAccount, nameParts } from './palette-keys.js';

/** @typedef {import('./types/PickHit').PickHit} PickHit */
/** @typedef {import('./types/PaletteAction').PaletteAction} PaletteAction */
/** @typedef {import('./types/Shell').Shell} Shell */

/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const input = /** @type {HTMLInputElement} */ ($('palette-input'));
const list = $('palette-list');

/** @type {PickHit[]} */
let hits = [];
let selected = 0;
/** The latest search sent: an older answer arriving later is dropped. */
let searchCount = 0;
/** @type {{ hit: PickHit, action: PaletteAction, format: Shell | null } | null} */
let asking = null;
let busy = false;
let hadFocus = false;

/** @param {number} [since] when the keystroke that asked happened (an event's timeStamp) */
async function search(since) {
  const count = ++searchCount;
  const query = input.value;
  try {
    const found = await invoke('palette_search', { query });
    if (count !== searchCount) return;
    hits = found;
    selected = 0;
    render();
    // For the tests and the benchmark: which query the list shows, and how long
    // it took from the keystroke to the frame that shows its results.
    requestAnimationFrame(() => {
      document.body.dataset.shownQuery = query;
      if (since !== undefined) document.body.dataset.keystrokeMs = (performance.now() - since).toFixed(1);
    });
  } catch (e) {
    showError(e);
  }
}

function render() {
  list.replaceChildren(...hits.map((hit, i) => row(hit, i)));
  $('palette-empty').hidden = hits.length > 0;
  const current = hits[selected];
  if (current) input.setAttribute('aria-activedescendant', `palette-option-${selected}`);
  else input.removeAttribute('aria-activedescendant');
  list.children[selected]?.scrollIntoView({ block: 'nearest' });
}

/** @param {PickHit} hit @param {number} i */
function row(hit, i) {
  const r = hit.role;
  const li = document.createElement('li');
  li.id = `palette-option-${i}`;
  li.className = 'palette-row';
  li.setAttribute('role', 'option');
  li.setAttribute('aria-selected', String(i === selected));
  li.dataset.testid = 'palette-row';
  li.dataset.role = r.name;
  if (r.colour) li.dataset.colour = r.colour;
  const name = document.createElement('span');
  name.className = 'palette-name';
  name.title = r.name;
  for (const part of nameParts(r.name, hit.name_matches)) {
    const piece = part.matched ? document.createElement('mark') : document.createElement('span');
    piece.textContent = part.text;
    name.append(piece);
  }
  const meta = document.createElement('span');
  meta.className = 'palette-meta';
  meta.textContent = [r.account_id && dashedAccount(r.account_id), r.account_name, r.source]
    .filter(Boolean).join(' · ');
  // Cut with "…" in a narrow window: whole in its tooltip.
  meta.title = meta.textContent;
  li.append(name);
  if (r.environment) {
    const env = document.createElement('span');
    env.className = 'env-chip';
    env.textContent = r.environment;
    li.append(env);
  }
  const marks = [r.active ? t('palette.active') : r.live ? t('palette.live') : '', r.favourite ? t('palette.favourite') : '']
    .filter(Boolean);
  if (marks.length) {
    const mark = document.createElement('span');
    mark.className = 'palette-marks';
    mark.textContent = [r.active ? `✓ ${t('palette.active')}` : r.live ? '●' : '', r.favourite ? '★' : ''].filter(Boolean).join(' ');
    mark.setAttribute('aria-label', marks.join(', '));
    li.append(mark);
  }
  li.append(meta);
  li.addEventListener('mousemove', () => { if (selected !== i) { selected = i; render(); } });
  li.addEventListener('click', () => { selected = i; choose('copy', null); });
  return li;
}

/** @param {PaletteAction} action @param {Shell | null} format */
function choose(action, format) {
  const hit = hits[selected];
  if (!hit || busy) return;
  act(hit, action, format, false);
}

/** A production role's question, answered with Enter (yes) or Esc (back). */
function ask(/** @type {PickHit} */ hit, /** @type {PaletteAction} */ action, /** @type {Shell | null} */ format) {
  asking = { hit, action, format };
  const r = hit.role;
  $('palette-question-text').textContent = r.account_id
    ? t('ask.questionIn', { role: r.name, account: dashedAccount(r.account_id) })
    : t('ask.question', { role: r.name });
  const band = $('palette-question-band');
  band.textContent = r.environment ?? t('ask.band');
  $('palette-question').dataset.colour = r.colour ?? 'red';
  $('palette-question').hidden = false;
  list.hidden = true;
}

function leaveQuestion() {
  asking = null;
  $('palette-question').hidden = true;
  list.hidden = false;
  input.focus();
}

/**
 * @param {PickHit} hit @param {PaletteAction} action @param {Shell | null} format
 * @param {boolean} answered the person said yes to the question here
 */
async function act(hit, action, format, answered) {
  busy = true;
  $('palette-error').hidden = true;
  $('palette-status').textContent = t('palette.working', { role: hit.role.name });
  try {
    // Done: the backend closes the palette. Ask: the role asks first (as in the
    // tray), and nothing was done yet.
    const outcome = await invoke('palette_act', { role: hit.role.name, action, format, answered });
    if (outcome === 'ask') {
      busy = false;
      $('palette-status').textContent = '';
      ask(hit, action, format);
    }
  } catch (e) {
    busy = false;
    $('palette-status').textContent = '';
    if (asking) leaveQuestion();
    showError(e);
  }
}

/** @param {unknown} e */
function showError(e) {
  const error = normaliseError(e);
  const box = $('palette-error');
  // The window's words for the same error (its sentence and next step).
  box.textContent = explainError(error).sentence;
  box.dataset.code = error.code;
  box.hidden = false;
}

function close() {
  invoke('close_palette', {}).catch(() => {});
}

input.addEventListener('input', (event) => {
  $('palette-error').hidden = true;
  search(event.timeStamp);
});

document.addEventListener('keydown', (event) => {
  if (asking) {
    if (event.key === 'Enter' && !busy) { event.preventDefault(); act(asking.hit, asking.action, asking.format, true); }
    else if (event.key === 'Escape' && !busy) { event.preventDefault(); leaveQuestion(); }
    return;
  }
  const step = paletteStep(event);
  if (step.kind === 'none') return;
  event.preventDefault();
  if (step.kind === 'close') close();
  else if (step.kind === 'move' && hits.length) {
    selected = Math.min(hits.length - 1, Math.max(0, selected + step.by));
    render();
  } else if (step.kind === 'act') choose(step.action, step.format);
});

// Like a menu, the palette goes when another window takes the focus;
// never while it waits for an answer (an MFA window takes the focus).
window.addEventListener('focus', () => {
  hadFocus = true;
  // Shown again by the shortcut: what was typed is selected, so typing replaces it.
  if (!asking) input.select();
});
window.addEventListener('blur', () => { if (hadFocus && !busy) close(); });

applyCatalogue();
document.title = t('palette.windowTitle');
input.focus();
search();
