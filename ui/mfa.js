// @ts-check
// The MFA window: mfa.html?request=ID&role=NAME&serial=ARN[&waiting=TEXT][&why=TEXT]. Enter
// submits the code, Escape cancels; a rejected code is explained inline and the window stays
// open. While the device's code command runs, `waiting` says what it waits for ("Touch your
// YubiKey") and a code typed meanwhile wins; `why` says why the command gave no code.
import { invoke } from './ipc.js';
import { normaliseError } from './errors.js';
import { normaliseMfaCode } from './format.js';

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

$('mfa-role').textContent = params.get('role') ?? 'this role';
$('mfa-serial').textContent = params.get('serial') ?? 'your MFA device';
document.title = `RoleTray: MFA code for ${params.get('role') ?? 'a role'}`;
const waiting = params.get('waiting');
if (waiting) {
  $('mfa-title').textContent = waiting;
  $('mfa-waiting').textContent = 'Or type the code here.';
  $('mfa-waiting').hidden = false;
  document.title = `RoleTray: ${waiting}`;
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
  setBusy(true, 'Checking…');
  try {
    await invoke('submit_mfa', { request_id: requestId, code: normaliseMfaCode(input.value) });
    settled = true;
    setBusy(true, 'Done');
  } catch (e) {
    setBusy(false, 'Submit');
    showError(normaliseError(e).message);
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
    showError(normaliseError(e).message);
  }
}

$('mfa-form').addEventListener('submit', (event) => { event.preventDefault(); send(); });
cancel.addEventListener('click', abandon);
input.addEventListener('input', () => { if (!error.hidden) showError(null); });
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') { event.preventDefault(); abandon(); }
});
input.focus();
