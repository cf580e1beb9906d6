// @ts-check
// The Identity Center part of the Sources view: each source with its sign-in
// (until when, or what waits for the person: the page and the device code),
// its accounts and roles, and Sign in, Refresh, Sign out and Remove; plus
// the dialog that adds one. No token ever reaches the page.
import { h, keyedList } from '../dom.js';
import { call, perform } from '../commands.js';
import { confirmAction, createDialog } from '../dialogs.js';
import { createForm } from '../forms.js';
import { toast } from '../notices.js';
import { formatActivityTime } from '../format.js';

const FIELDS = [
  { name: 'name', label: 'Name', field: 'name', validate: true, required: true, placeholder: 'acme' },
  { name: 'startUrl', label: 'Start URL', field: 'start_url', validate: true, required: true, mono: true, wide: true,
    placeholder: 'https://d-1234567890.awsapps.com/start', hint: 'Your AWS access portal: the page you sign in to AWS at.' },
  { name: 'region', label: 'Identity Center region', field: 'region', validate: true, required: true, placeholder: 'eu-west-1' },
  { name: 'scopes', label: 'Registration scopes', field: 'scopes', optional: true, mono: true,
    placeholder: 'sso:account:access', hint: 'Leave empty unless your administrator says otherwise (space separated).' },
];

let add = null;

export function openAddSso() {
  if (!add) {
    const dialog = createDialog({ title: 'Add Identity Center source', testid: 'sso-add-dialog', onClose: () => form.clearErrors() });
    const form = createForm({
      id: 'sso-add-form', fields: FIELDS, submitLabel: 'Add', busyLabel: 'Saving…',
      intro: h('p', { class: 'form-intro' }, 'Sign in once in the browser, and every account and role IAM Identity Center gives you is here. Its tokens are kept in the OS keychain only.'),
      submitTestid: 'sso-add-save', cancelTestid: 'sso-add-cancel', onCancel: () => dialog.close(),
    });
    form.onSubmit = async (values) => {
      const name = values.name.trim();
      await call('sso_add', {
        name, start_url: values.startUrl.trim(), region: values.region.trim(),
        scopes: String(values.scopes ?? '').split(/\s+/).filter(Boolean),
      });
      dialog.close();
      toast(`Added ${name}: sign in to list its roles`);
    };
    dialog.body.append(form.el);
    add = { dialog, form };
  }
  add.form.setValues({ name: '', startUrl: '', region: '', scopes: '' });
  add.form.clearErrors();
  add.dialog.open(add.form.input('name'));
}

/** @param {string} name @param {boolean} deviceCode @param {HTMLElement} button */
function signIn(name, deviceCode, button) {
  return perform('sso_sign_in', { name, device_code: deviceCode }, {
    button, busyText: 'Waiting for you…', success: (notice) => notice ?? `Signed in to ${name}`,
  });
}

async function remove(name, button) {
  const confirmed = await confirmAction({
    title: `Remove ${name}?`,
    message: `RoleTray signs out of ${name} and forgets its accounts and roles. Your access in AWS is not touched.`,
    confirmLabel: 'Remove',
  });
  if (confirmed) await perform('sso_remove', { name }, { button, success: `Removed ${name}` });
}

/** What waits for the person, if anything. */
function pendingPanel(source) {
  const p = source.pending;
  if (!p) return null;
  return h('div', { class: 'sso-pending', testid: 'sso-pending', role: 'status' },
    p.user_code
      ? h('p', {}, 'Confirm this code on the sign-in page: ', h('strong', { class: 'mono user-code', testid: 'sso-user-code' }, p.user_code))
      : h('p', {}, 'Finish signing in in your browser. If it did not open, open this page:'),
    h('p', { class: 'mono wrap', testid: 'sso-pending-url' }, p.url),
    h('button', { type: 'button', class: 'button small', testid: 'sso-cancel', 'aria-label': `Cancel the sign-in to ${source.name}`,
      on: { click: (e) => perform('sso_cancel_sign_in', { name: source.name }, { button: e.currentTarget }) } }, 'Cancel'));
}

function ssoRow(source) {
  const { name } = source;
  const button = (testid, text, label, click, extra = '') =>
    h('button', { type: 'button', class: `button small ${extra}`, testid, 'aria-label': label, on: { click } }, text);
  const state = source.signed_in && source.sign_in_ends
    ? `Signed in until ${formatActivityTime(source.sign_in_ends)}`
    : 'Not signed in';
  const counts = `${source.accounts} account${source.accounts === 1 ? '' : 's'}, ${source.roles} role${source.roles === 1 ? '' : 's'}`;
  return {
    el: h('li', { class: 'row sso-row', testid: 'sso-row', 'data-sso': name },
      h('div', { class: 'row-title' },
        h('span', { class: 'role-name' }, name),
        h('span', { class: source.signed_in ? 'badge badge-verified' : 'badge', testid: 'sso-state' }, state)),
      h('div', { class: 'row-actions' },
        button('sso-sign-in', source.signed_in ? 'Sign in again' : 'Sign in', `Sign in to ${name} in the browser`,
          (e) => signIn(name, false, e.currentTarget), source.signed_in ? '' : 'primary'),
        button('sso-sign-in-code', 'Use a code', `Sign in to ${name} with a code instead of this machine's browser`,
          (e) => signIn(name, true, e.currentTarget)),
        source.signed_in ? button('sso-refresh', 'Refresh list', `List ${name}'s accounts and roles again`,
          (e) => perform('sso_refresh', { name }, { button: e.currentTarget, busyText: 'Listing…', success: `Listed ${name} again` })) : null,
        source.signed_in ? button('sso-sign-out', 'Sign out', `Sign out of ${name}`,
          (e) => perform('sso_sign_out', { name }, { button: e.currentTarget, success: `Signed out of ${name}` })) : null,
        button('sso-remove', 'Remove', `Remove ${name}`, (e) => remove(name, e.currentTarget), 'danger-text')),
      h('div', { class: 'row-sub' }, h('span', { class: 'arn mono' }, source.start_url),
        h('span', { class: 'muted nowrap', testid: 'sso-counts' }, `${source.region} · ${counts}`),
        source.progress ? h('span', { class: 'muted', testid: 'sso-progress', role: 'status' }, source.progress) : null),
      pendingPanel(source)),
  };
}

/** The section: a heading with Add, and one row per source. */
export function createSsoSection() {
  const list = h('ul', { class: 'rows', 'aria-label': 'Identity Center sources' });
  const empty = h('p', { class: 'muted', hidden: true },
    'Does your organisation sign you in to AWS through IAM Identity Center (SSO)? Add it, sign in once, and its accounts and roles appear here and in the tray.');
  const el = h('section', { class: 'sso-section', 'aria-label': 'IAM Identity Center' },
    h('div', { class: 'toolbar' },
      h('h2', { class: 'section-title' }, 'IAM Identity Center'),
      h('button', { type: 'button', class: 'button', testid: 'sso-add', on: { click: () => openAddSso() } }, 'Add Identity Center source')),
    empty, list);
  const rows = keyedList(list, (item) => ssoRow(item.source));
  /** @param {import('../contract.js').Snapshot} snapshot */
  function render(snapshot) {
    const sources = snapshot.sso_sources ?? [];
    empty.hidden = sources.length > 0;
    rows.update(sources.map((source) => ({ key: source.name, source, sig: JSON.stringify(source) })));
  }
  return { el, render };
}
