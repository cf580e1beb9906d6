// @ts-check
// The AWS console sign-in part of the Sources view (AWS Sign-In, as `aws
// login`): each source with who it is signed in as and until when, and
// Sign in (the browser on this machine; Cancel while it waits), Sign out
// and Remove; plus the dialog that adds one. No token ever reaches the page.
import { h, keyedList } from '../dom.js';
import { call, perform } from '../commands.js';
import { confirmAction, createDialog } from '../dialogs.js';
import { createForm } from '../forms.js';
import { toast } from '../notices.js';
import { formatActivityTime } from '../format.js';
import { nameLabel } from './marks.js';
import { t } from '../i18n.js';

const FIELDS = [
  { name: 'name', label: t('signin.name'), field: 'name', validate: true, required: true, placeholder: t('example.signinName'),
    hint: t('signin.nameHint') },
  { name: 'region', label: t('field.region'), field: 'region', validate: true, required: true, placeholder: t('example.region'),
    hint: t('signin.regionHint') },
];

let add = null;
/** The source just added: its sign-in starts once its row is shown. */
let signInWhenShown = null;

/** Opens the dialog that adds a sign-in source, then signs in to it. */
export function openAddSignin() {
  if (!add) {
    const dialog = createDialog({ title: t('start.signinTitle'), testid: 'signin-add-dialog', onClose: () => form.clearErrors() });
    const form = createForm({
      id: 'signin-add-form', fields: FIELDS, submitLabel: t('signin.addSubmit'), busyLabel: t('form.saving'),
      intro: h('p', { class: 'form-intro' }, t('signin.addIntro')),
      submitTestid: 'signin-add-save', cancelTestid: 'signin-add-cancel', onCancel: () => dialog.close(),
    });
    form.onSubmit = async (values) => {
      const name = values.name.trim();
      // The answer's snapshot may show the row before `call` returns.
      signInWhenShown = name;
      try {
        await call('signin_add', { name, region: values.region.trim() });
      } catch (error) {
        signInWhenShown = null;
        throw error;
      }
      dialog.close();
      toast(t('toast.signinAdded', { name }));
    };
    dialog.body.append(form.el);
    add = { dialog, form };
  }
  add.form.setValues({ name: '', region: '' });
  add.form.clearErrors();
  add.dialog.open(add.form.input('name'));
}

async function remove(name, button) {
  const confirmed = await confirmAction({
    title: t('signin.removeTitle', { name }),
    message: t('signin.removeMessage', { name }),
    confirmLabel: t('source.remove'),
  });
  if (confirmed) await perform('signin_remove', { name }, { button, success: t('toast.removed', { name }) });
}

/**
 * Signs in with the browser; a Cancel button stands beside while it waits.
 * @param {string} name @param {HTMLButtonElement} button @param {HTMLButtonElement} cancel
 */
async function signIn(name, button, cancel) {
  cancel.hidden = false;
  try {
    await perform('signin_sign_in', { name }, {
      button, busyText: t('signin.waiting'), success: (notice) => notice ?? t('toast.signedIn', { name }),
    });
  } finally {
    cancel.hidden = true;
  }
}

function signinRow(source) {
  const { name } = source;
  const button = (testid, text, label, extra = '') =>
    /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: `button small ${extra}`, testid, 'aria-label': label }, text));
  const state = source.signed_in && source.sign_in_ends
    ? t('signin.until', { time: formatActivityTime(source.sign_in_ends) })
    : t('signin.notSignedIn');
  const signInButton = button('signin-sign-in', source.signed_in ? t('signin.again') : t('signin.signIn'),
    source.signed_in ? t('signin.againLabel', { name }) : t('signin.signInLabel', { name }), source.signed_in ? '' : 'primary');
  const cancel = button('signin-cancel', t('form.cancel'), t('signin.cancelLabel', { name }));
  cancel.hidden = true;
  signInButton.addEventListener('click', () => signIn(name, signInButton, cancel));
  cancel.addEventListener('click', () => perform('signin_cancel_sign_in', { name }, { button: cancel }));
  const signOut = source.signed_in ? button('signin-sign-out', t('signin.signOut'), t('signin.signOutLabel', { name })) : null;
  signOut?.addEventListener('click', () => perform('signin_sign_out', { name }, { button: signOut, success: t('toast.signedOut', { name }) }));
  const removeButton = button('signin-remove', t('source.remove'), t('source.removeLabel', { name }), 'danger-text');
  removeButton.addEventListener('click', () => remove(name, removeButton));
  return {
    el: h('li', { class: 'row signin-row', testid: 'signin-row', 'data-signin': name },
      h('div', { class: 'row-title' },
        nameLabel(name),
        h('span', { class: source.signed_in ? 'badge badge-verified' : 'badge', testid: 'signin-state' }, state)),
      h('div', { class: 'row-actions' }, signInButton, cancel, signOut, removeButton),
      h('div', { class: 'row-sub' },
        source.identity_arn ? h('span', { class: 'arn mono', testid: 'signin-identity' }, source.identity_arn) : null,
        h('span', { class: 'muted nowrap' }, source.region))),
  };
}

/** The section: a heading with Add, and one row per sign-in source. */
export function createSigninSection() {
  const list = h('ul', { class: 'rows', 'aria-label': t('signin.listLabel') });
  const empty = h('p', { class: 'muted', hidden: true }, t('signin.empty'));
  const el = h('section', { class: 'signin-section', 'aria-label': t('signin.section') },
    h('div', { class: 'toolbar' },
      h('h2', { class: 'section-title' }, t('signin.section')),
      h('button', { type: 'button', class: 'button', testid: 'signin-add', on: { click: () => openAddSignin() } }, t('start.signinTitle'))),
    empty, list);
  const rows = keyedList(list, (item) => signinRow(item.source));
  /** @param {import('../contract.js').Snapshot} snapshot */
  function render(snapshot) {
    const sources = snapshot.signin_sources ?? [];
    empty.hidden = sources.length > 0;
    rows.update(sources.map((source) => ({ key: source.name, source, sig: JSON.stringify(source) })));
    const start = signInWhenShown && list.querySelector(`[data-signin="${CSS.escape(signInWhenShown)}"] [data-testid="signin-sign-in"]`);
    if (start instanceof HTMLButtonElement) {
      signInWhenShown = null;
      start.click();
    }
  }
  return { el, render };
}
