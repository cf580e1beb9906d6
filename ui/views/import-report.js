// @ts-check
// The report shown after "Import from AWS config": what was added, updated, unchanged or skipped.
import { h, setChildren } from '../dom.js';
import { createDialog } from '../dialogs.js';
import { perform } from '../commands.js';
import { confirmAction } from '../dialogs.js';
import { t, summariseNames, formatList } from '../i18n.js';

const OUTCOMES = ['added', 'updated', 'unchanged', 'skipped'];

let dialog = null;
let content = null;
let closeButton = null;
let removeButton = null;
let imported = [];
let lastReport = [];

function outcomeClass(outcome) {
  const word = String(outcome ?? '').split(':')[0].trim();
  return { added: 'outcome-added', updated: 'outcome-updated', unchanged: 'outcome-unchanged', skipped: 'outcome-skipped' }[word] ?? '';
}

function build() {
  dialog = createDialog({ title: t('import.title'), testid: 'import-report-dialog', wide: true });
  content = h('div', { class: 'report' });
  closeButton = h('button', { type: 'button', class: 'button primary', testid: 'import-report-close', on: { click: () => dialog.close() } }, t('import.close'));
  removeButton = h('button', { type: 'button', class: 'button', testid: 'remove-imported-keys' }, t('import.removeKeys'));
  removeButton.addEventListener('click', async () => {
    // Taking keys out of ~/.aws/credentials breaks every tool that reads them there: it asks
    // first. (Moving sign-ins only changes how the AWS CLI gets the same credentials.)
    if (removesKeys(lastReport)) {
      const confirmed = await confirmAction({
        title: t('import.removeTitle'),
        message: t('import.removeMessage', { names: summariseNames(imported, 5) }),
        confirmLabel: t('import.removeConfirm'),
      });
      if (!confirmed) return;
    }
    const result = await perform('remove_imported_keys', { names: imported }, { button: removeButton, busyText: t('import.removing') });
    if (result?.report) showImportReport(result.report, { offerRemoval: false });
  });
  dialog.body.append(content, h('div', { class: 'form-actions' }, removeButton, closeButton));
}

/**
 * What the AWS files still hold that may now leave them: key sources whose
 * keys are in the keychain, and sign-ins the AWS CLI holds that RoleTray can
 * take over (the backend says which: `removable`).
 */
export function importedSources(report) {
  return (report ?? []).filter((r) => r.removable).map((r) => r.name);
}

/** True when the removal takes access keys out of ~/.aws/credentials (not only sign-ins). */
export function removesKeys(report) {
  return (report ?? []).some((r) => r.removable && r.kind !== 'signin');
}

/** The removal button's words for what it takes away. */
export function removalLabel(report) {
  const rows = (report ?? []).filter((r) => r.removable);
  const keys = rows.some((r) => r.kind !== 'signin');
  const signins = rows.some((r) => r.kind === 'signin');
  if (keys && signins) return t('import.removeBoth');
  if (signins) return t('import.moveSignins');
  return t('import.removeKeys');
}

/**
 * Shows `[{ kind, name, outcome, removable }]`, and offers to take the
 * imported keys out of the AWS credentials file and the AWS CLI's sign-ins
 * into the keychain (the backend checks each is in the keychain first).
 */
export function showImportReport(report, { offerRemoval = true } = {}) {
  if (!dialog) build();
  const rows = report ?? [];
  imported = offerRemoval ? importedSources(rows) : [];
  lastReport = rows;
  removeButton.hidden = imported.length === 0;
  removeButton.textContent = removalLabel(rows);
  if (rows.length === 0) {
    setChildren(content, h('p', { class: 'empty-inline' }, t('import.nothing')));
  } else {
    const counts = {};
    for (const r of rows) { const w = String(r.outcome).split(':')[0]; counts[w] = (counts[w] ?? 0) + 1; }
    // The backend's outcome words, counted in the catalogue's words where it has them.
    const summary = formatList(Object.entries(counts).map(([w, n]) => (OUTCOMES.includes(w) ? t(`import.outcome.${w}`, { count: n }) : `${n} ${w}`)));
    setChildren(content,
      h('p', { class: 'form-intro' }, summary),
      h('div', { class: 'table-wrap' },
        h('table', { class: 'table', testid: 'import-report' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('import.kind')), h('th', { scope: 'col' }, t('import.name')), h('th', { scope: 'col' }, t('import.outcome')))),
          h('tbody', {}, rows.map((r) => h('tr', {},
            h('td', {}, r.kind), h('td', { class: 'role-name' }, r.name), h('td', { class: outcomeClass(r.outcome) }, r.outcome)))))));
  }
  dialog.open(closeButton);
}
