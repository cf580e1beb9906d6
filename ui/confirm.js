// @ts-check
// The question before a production role is assumed from the tray or the window:
// confirm.html?request=ID&role=NAME&account=ID[&environment=LABEL][&colour=NAME].
// Cancel (the default, and Escape) assumes nothing; closing the window is a Cancel too.
import { invoke } from './ipc.js';
import { normaliseError, explainError } from './errors.js';
import { t } from './i18n.js';
import { applyCatalogue } from './i18n-page.js';

const params = new URLSearchParams(location.search);
const requestId = Number(params.get('request') ?? '');
/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
applyCatalogue();
const role = params.get('role') ?? t('mfa.thisRole');
const account = params.get('account') ?? '';
const environment = params.get('environment');

$('confirm-question').textContent = account ? t('ask.questionIn', { role, account }) : t('ask.question', { role });
$('confirm-band').textContent = environment ?? t('ask.band');
$('confirm').dataset.colour = params.get('colour') ?? 'red';
document.title = t('ask.windowTitle', { role });

let answered = false;
/** @param {boolean} yes */
async function answer(yes) {
  if (answered) return;
  answered = true;
  try {
    await invoke('answer_confirm', { request_id: requestId, yes });
  } catch (e) {
    answered = false;
    const error = $('confirm-error');
    error.textContent = explainError(normaliseError(e)).sentence;
    error.hidden = false;
  }
}

$('confirm-yes').addEventListener('click', () => answer(true));
$('confirm-cancel').addEventListener('click', () => answer(false));
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') { event.preventDefault(); answer(false); }
});
$('confirm-cancel').focus();
