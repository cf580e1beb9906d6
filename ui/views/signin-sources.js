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

const FIELDS = [
  { name: 'name', label: 'Name', field: 'name', validate: true, required: true, placeholder: 'console',
    hint: 'The name you use it by: also a name for the signed-in identity, like a role\'s.' },
  { name: 'region', label: 'Region', field: 'region', validate: true, required: true, placeholder: 'eu-west-1',
    hint: 'The region you sign in to, and the one its credentials are exported with.' },
];

let add = null;
/** The source just added: its sign-in starts once its row is shown. */
let signInWhenShown = null;

/** Opens the dialog that adds a sign-in source, then signs in to it. */
export function openAddSignin() {
  if (!add) {
    const dialog = createDialog({ title: 'Sign in with your AWS console account', testid: 'signin-add-dialog', onClose: () => form.clearErrors() });
    const form = createForm({
      id: 'signin-add-form', fields: FIELDS, submitLabel: 'Add and sign in', busyLabel: 'Saving…',
      intro: h('p', { class: 'form-intro' }, 'No access key at all: sign in as you do to the AWS console (your password and MFA, a passkey, the root user or your federated sign-in), and RoleTray gets credentials for your tools for up to 12 hours. Its key and token are kept in the OS keychain only.'),
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
      toast(`Added ${name}: sign in in your browser`);
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
    title: `Remove ${name}?`,
    message: `RoleTray signs out of ${name} and forgets it. Your AWS account is not touched.`,
    confirmLabel: 'Remove',
  });
  if (confirmed) await perform('signin_remove', { name }, { button, success: `Removed ${name}` });
}

/**
 * Signs in with the browser; a Cancel button stands beside while it waits.
 * @param {string} name @param {HTMLButtonElement} button @param {HTMLButtonElement} cancel
 */
async function signIn(name, button, cancel) {
  cancel.hidden = false;
  try {
    await perform('signin_sign_in', { name }, {
      button, busyText: 'Waiting for your browser…', success: (notice) => notice ?? `Signed in to ${name}`,
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
    ? `Signed in until ${formatActivityTime(source.sign_in_ends)}`
    : 'Not signed in';
  const signInButton = button('signin-sign-in', source.signed_in ? 'Sign in again' : 'Sign in',
    `Sign in to ${name} in the browser`, source.signed_in ? '' : 'primary');
  const cancel = button('signin-cancel', 'Cancel', `Cancel the sign-in to ${name}`);
  cancel.hidden = true;
  signInButton.addEventListener('click', () => signIn(name, signInButton, cancel));
  cancel.addEventListener('click', () => perform('signin_cancel_sign_in', { name }, { button: cancel }));
  const signOut = source.signed_in ? button('signin-sign-out', 'Sign out', `Sign out of ${name}`) : null;
  signOut?.addEventListener('click', () => perform('signin_sign_out', { name }, { button: signOut, success: `Signed out of ${name}` }));
  const removeButton = button('signin-remove', 'Remove', `Remove ${name}`, 'danger-text');
  removeButton.addEventListener('click', () => remove(name, removeButton));
  return {
    el: h('li', { class: 'row signin-row', testid: 'signin-row', 'data-signin': name },
      h('div', { class: 'row-title' },
        h('span', { class: 'role-name' }, name),
        h('span', { class: source.signed_in ? 'badge badge-verified' : 'badge', testid: 'signin-state' }, state)),
      h('div', { class: 'row-actions' }, signInButton, cancel, signOut, removeButton),
      h('div', { class: 'row-sub' },
        source.identity_arn ? h('span', { class: 'arn mono', testid: 'signin-identity' }, source.identity_arn) : null,
        h('span', { class: 'muted nowrap' }, source.region))),
  };
}

/** The section: a heading with Add, and one row per sign-in source. */
export function createSigninSection() {
  const list = h('ul', { class: 'rows', 'aria-label': 'AWS console sign-ins' });
  const empty = h('p', { class: 'muted', hidden: true },
    'Do you sign in to the AWS console with a password and MFA, a passkey or your organisation\'s sign-in? Sign in here the same way and you need no access key at all.');
  const el = h('section', { class: 'signin-section', 'aria-label': 'AWS console sign-in' },
    h('div', { class: 'toolbar' },
      h('h2', { class: 'section-title' }, 'AWS console sign-in'),
      h('button', { type: 'button', class: 'button', testid: 'signin-add', on: { click: () => openAddSignin() } }, 'Sign in with your AWS console account')),
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
