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
import { nameLabel } from './marks.js';
import { t, tParts } from '../i18n.js';

const FIELDS = [
  { name: 'name', label: t('sso.name'), field: 'name', validate: true, required: true, placeholder: t('example.ssoName') },
  { name: 'startUrl', label: t('sso.startUrl'), field: 'start_url', validate: true, required: true, mono: true, wide: true,
    placeholder: t('example.startUrl'), hint: t('sso.startUrlHint') },
  { name: 'region', label: t('sso.region'), field: 'region', validate: true, required: true, placeholder: t('example.region') },
  { name: 'scopes', label: t('sso.scopes'), field: 'scopes', optional: true, mono: true,
    placeholder: 'sso:account:access', hint: t('sso.scopesHint') },
];

let add = null;

export function openAddSso() {
  if (!add) {
    const dialog = createDialog({ title: t('start.ssoButton'), testid: 'sso-add-dialog', onClose: () => form.clearErrors() });
    const form = createForm({
      id: 'sso-add-form', fields: FIELDS, submitLabel: t('sso.addSubmit'), busyLabel: t('form.saving'),
      intro: h('p', { class: 'form-intro' }, t('sso.addIntro')),
      submitTestid: 'sso-add-save', cancelTestid: 'sso-add-cancel', onCancel: () => dialog.close(),
    });
    form.onSubmit = async (values) => {
      const name = values.name.trim();
      await call('sso_add', {
        name, start_url: values.startUrl.trim(), region: values.region.trim(),
        scopes: String(values.scopes ?? '').split(/\s+/).filter(Boolean),
      });
      dialog.close();
      toast(t('toast.ssoAdded', { name }));
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
    button, busyText: t('sso.waiting'), success: (notice) => notice ?? t('toast.signedIn', { name }),
  });
}

async function remove(name, button) {
  const confirmed = await confirmAction({
    title: t('signin.removeTitle', { name }),
    message: t('sso.removeMessage', { name }),
    confirmLabel: t('source.remove'),
  });
  if (confirmed) await perform('sso_remove', { name }, { button, success: t('toast.removed', { name }) });
}

/** What waits for the person, if anything. */
function pendingPanel(source) {
  const p = source.pending;
  if (!p) return null;
  return h('div', { class: 'sso-pending', testid: 'sso-pending', role: 'status' },
    p.user_code
      ? h('p', {}, ...tParts('sso.confirmCode', { code: h('strong', { class: 'mono user-code', testid: 'sso-user-code' }, p.user_code) }))
      : h('p', {}, t('sso.finishInBrowser')),
    h('p', { class: 'mono wrap', testid: 'sso-pending-url' }, p.url),
    h('button', { type: 'button', class: 'button small', testid: 'sso-cancel', 'aria-label': t('signin.cancelLabel', { name: source.name }),
      on: { click: (e) => perform('sso_cancel_sign_in', { name: source.name }, { button: e.currentTarget }) } }, t('form.cancel')));
}

function ssoRow(source) {
  const { name } = source;
  const button = (testid, text, label, click, extra = '') =>
    h('button', { type: 'button', class: `button small ${extra}`, testid, 'aria-label': label, on: { click } }, text);
  const state = source.signed_in && source.sign_in_ends
    ? t('signin.until', { time: formatActivityTime(source.sign_in_ends) })
    : t('signin.notSignedIn');
  const counts = t('sso.counts', { accounts: t('sso.accounts', { count: source.accounts }), roles: t('roles.count', { count: source.roles }) });
  return {
    el: h('li', { class: 'row sso-row', testid: 'sso-row', 'data-sso': name },
      h('div', { class: 'row-title' },
        nameLabel(name),
        h('span', { class: source.signed_in ? 'badge badge-verified' : 'badge', testid: 'sso-state' }, state)),
      h('div', { class: 'row-actions' },
        button('sso-sign-in', source.signed_in ? t('signin.again') : t('signin.signIn'), source.signed_in ? t('signin.againLabel', { name }) : t('signin.signInLabel', { name }),
          (e) => signIn(name, false, e.currentTarget), source.signed_in ? '' : 'primary'),
        button('sso-sign-in-code', t('sso.useCode'), t('sso.useCodeLabel', { name }),
          (e) => signIn(name, true, e.currentTarget)),
        source.signed_in ? button('sso-refresh', t('sso.refresh'), t('sso.refreshLabel', { name }),
          (e) => perform('sso_refresh', { name }, { button: e.currentTarget, busyText: t('sso.listing'), success: t('toast.listed', { name }) })) : null,
        source.signed_in ? button('sso-sign-out', t('signin.signOut'), t('signin.signOutLabel', { name }),
          (e) => perform('sso_sign_out', { name }, { button: e.currentTarget, success: t('toast.signedOut', { name }) })) : null,
        button('sso-remove', t('source.remove'), t('source.removeLabel', { name }), (e) => remove(name, e.currentTarget), 'danger-text')),
      h('div', { class: 'row-sub' }, h('span', { class: 'arn mono' }, source.start_url),
        h('span', { class: 'muted nowrap', testid: 'sso-counts' }, `${source.region} · ${counts}`),
        source.progress ? h('span', { class: 'muted', testid: 'sso-progress', role: 'status' }, source.progress) : null),
      pendingPanel(source)),
  };
}

/** The section: a heading with Add, and one row per source. */
export function createSsoSection() {
  const list = h('ul', { class: 'rows', 'aria-label': t('sso.listLabel') });
  const empty = h('p', { class: 'muted', hidden: true }, t('sso.empty'));
  const el = h('section', { class: 'sso-section', 'aria-label': t('sso.section') },
    h('div', { class: 'toolbar' },
      h('h2', { class: 'section-title' }, t('sso.section')),
      h('button', { type: 'button', class: 'button', testid: 'sso-add', on: { click: () => openAddSso() } }, t('start.ssoButton'))),
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
