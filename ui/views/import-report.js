// The report shown after "Import from AWS config": what was added, updated, unchanged or skipped.
import { h, setChildren } from '../dom.js';
import { createDialog } from '../dialogs.js';

let dialog = null;
let content = null;
let closeButton = null;

function outcomeClass(outcome) {
  const word = String(outcome ?? '').split(':')[0].trim();
  return { added: 'outcome-added', updated: 'outcome-updated', unchanged: 'outcome-unchanged', skipped: 'outcome-skipped' }[word] ?? '';
}

function build() {
  dialog = createDialog({ title: 'Imported from AWS config', testid: 'import-report-dialog', wide: true });
  content = h('div', { class: 'report' });
  closeButton = h('button', { type: 'button', class: 'button primary', testid: 'import-report-close', on: { click: () => dialog.close() } }, 'Close');
  dialog.body.append(content, h('div', { class: 'form-actions' }, closeButton));
}

/** Shows `[{ kind, name, outcome }]`. */
export function showImportReport(report) {
  if (!dialog) build();
  const rows = report ?? [];
  if (rows.length === 0) {
    setChildren(content, h('p', { class: 'empty-inline' },
      'Nothing to import: no role profiles in ~/.aws/config and no access keys in ~/.aws/credentials.'));
  } else {
    const counts = {};
    for (const r of rows) { const w = String(r.outcome).split(':')[0]; counts[w] = (counts[w] ?? 0) + 1; }
    const summary = Object.entries(counts).map(([w, n]) => `${n} ${w}`).join(', ');
    setChildren(content,
      h('p', { class: 'form-intro' }, summary),
      h('div', { class: 'table-wrap' },
        h('table', { class: 'table', testid: 'import-report' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Kind'), h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Outcome'))),
          h('tbody', {}, rows.map((r) => h('tr', {},
            h('td', {}, r.kind), h('td', { class: 'role-name' }, r.name), h('td', { class: outcomeClass(r.outcome) }, r.outcome)))))));
  }
  dialog.open(closeButton);
}
