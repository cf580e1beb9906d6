// @ts-check
// The MFA window: mfa.html?request=ID&role=NAME&serial=ARN[&waiting=TEXT][&why=TEXT]. Enter
// submits the code, Escape cancels; a rejected code is explained inline and the window stays
// open. While the device's code command runs, `waiting` says what it waits for ("Touch your
// YubiKey") and a code typed meanwhile wins; `why` says why the command gave no code.
import { invoke } from './ipc.js';
import { explainError, normaliseError } from './errors.js';
import { normaliseMfaCode } from './format.js';
import { t, tParts } from './i18n.js';
import { applyCatalogue } from './i18n-page.js';

const params = new URLSearchParams(location.search);
// The backend's request ids are numbers.
const requestId = Number(params.get('request') ?? '');
/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const input = /** @type {HTMLInputElement} */ ($('mfa-code'));
const submit = $('mfa-submit');
const cancel = $('mfa-cancel');
const error = $('mfa-error');
let busy = false;
let settled = false;

applyCatalogue();
$('mfa-role').textContent = params.get('role') ?? t('mfa.thisRole');
$('mfa-serial').textContent = params.get('serial') ?? t('mfa.yourDevice');
// The sentence around the role and the device is the catalogue's; the two elements keep their ids.
$('mfa-prompt').replaceChildren(.../** @type {any[]} */ (tParts('mfa.prompt', { role: $('mfa-role'), serial: $('mfa-serial') })));
document.title = t('mfa.windowTitle', { role: params.get('role') ?? t('mfa.aRole') });
const waiting = params.get('waiting');
if (waiting) {
  $('mfa-title').textContent = waiting;
  $('mfa-waiting').textContent = t('mfa.orType');
  $('mfa-waiting').hidden = false;
  document.title = t('mfa.windowTitleWaiting', { waiting });
}
const why = params.get('why');
if (why) {
  $('mfa-why').textContent = why;
  $('mfa-why').hidden = false;
}

/** @param {string | null} message */
function showError(message) {
  error.textContent = message ?? '';
  error.hidden = !message;
  input.setAttribute('aria-invalid', message ? 'true' : 'false');
  // With the waiting text and the reason, the window scrolls: keep the field, its error and
  // the buttons in view.
  if (message) $('mfa-form').querySelector('.mfa-actions')?.scrollIntoView({ block: 'nearest' });
}

/** @param {boolean} value @param {string} label */
function setBusy(value, label) {
  busy = value;
  submit.setAttribute('aria-busy', String(value));
  submit.textContent = label;
}

async function send() {
  if (busy) return;
  showError(null);
  setBusy(true, t('mfa.checking'));
  try {
    await invoke('submit_mfa', { request_id: requestId, code: normaliseMfaCode(input.value) });
    settled = true;
    setBusy(true, t('mfa.done'));
  } catch (e) {
    setBusy(false, t('mfa.submit'));
    showError(explainError(normaliseError(e)).sentence);
    input.focus();
    input.select();
  }
}

async function abandon() {
  if (settled) return;
  try {
    await invoke('cancel_mfa', { request_id: requestId });
    settled = true;
  } catch (e) {
    showError(explainError(normaliseError(e)).sentence);
  }
}

$('mfa-form').addEventListener('submit', (event) => { event.preventDefault(); send(); });
cancel.addEventListener('click', abandon);
input.addEventListener('input', () => { if (!error.hidden) showError(null); });
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') { event.preventDefault(); abandon(); }
});
input.focus();
