// @ts-check
// The source dialogs: add (with the secret key), edit (MFA device, region) and rotate key.
// The secret access key field is emptied as soon as it has been sent, and whenever a dialog closes.
import { h } from '../dom.js';
import { createDialog } from '../dialogs.js';
import { createForm } from '../forms.js';
import { call } from '../commands.js';
import { toast } from '../notices.js';
import { sourceFromForm, textOrNull } from '../form-values.js';
import { nameFrom, parseAccessKeysCsv } from '../pasted.js';
import { t, tParts } from '../i18n.js';

const NAME = { name: 'name', label: t('sourceForm.name'), field: 'name', validate: true, required: true, placeholder: t('example.sourceName') };
const KEY_ID = { name: 'accessKeyId', label: t('sourceForm.keyId'), field: 'access_key_id', validate: true, required: true, mono: true, placeholder: t('example.keyId') };
const SECRET = { name: 'secretAccessKey', label: t('sourceForm.secret'), type: 'password', field: 'secret_access_key', required: true, mono: true,
  hint: t('sourceForm.secretHint') };
const MFA = { name: 'mfaSerial', label: t('field.mfaSerial'), field: 'mfa_serial', validate: true, optional: true, mono: true, wide: true,
  placeholder: t('example.mfaSerial'), hint: t('sourceForm.mfaHint') };
const MFA_COMMAND = { name: 'mfaCommand', label: t('field.mfaCommand'), field: 'mfa_command', validate: true, optional: true, mono: true, wide: true,
  placeholder: t('example.mfaCommand'), suggest: [],
  hint: t('sourceForm.mfaCommandHint') };
const REGION = { name: 'region', label: t('field.region'), field: 'region', validate: true, optional: true, placeholder: t('example.region') };

/**
 * @param {{ key: string, title: string, fields: any[], submitLabel: string, intro?: Node,
 *   submit: (values: any, form: any) => Promise<string> }} options
 */
function formDialog({ key, title, fields, submitLabel, intro, submit }) {
  let form = null;
  const dialog = createDialog({ title, testid: `${key}-dialog`, onClose: () => { form.clearSecrets(); form.clearErrors(); } });
  form = createForm({
    id: `${key}-form`, fields, submitLabel, busyLabel: t('form.saving'), intro,
    submitTestid: `${key}-save`, cancelTestid: `${key}-cancel`, onCancel: () => dialog.close(),
  });
  form.onSubmit = async (values) => {
    const message = await submit(values, form);
    dialog.close();
    toast(message);
  };
  dialog.body.append(form.el);
  return { dialog, form };
}

/**
 * Sends a command carrying the secret, emptying the secret field right after it is sent.
 * @template {'add_source' | 'rotate_source_key'} K
 * @param {{ clearSecrets: () => void }} form
 * @param {K} command
 * @param {import('../contract.js').Commands[K][0]} args
 */
async function sendSecret(form, command, args) {
  const pending = call(command, args);
  form.clearSecrets();
  return pending;
}

/**
 * The source's key id as the backend masks it (`AKIA…MPLE`).
 * @param {import('../contract.js').Snapshot} snapshot
 * @param {string} name
 */
function maskedKeyOf(snapshot, name) {
  return snapshot.sources.find((s) => s.name === name)?.access_key_id_masked ?? t('sourceForm.keySaved');
}

let add = null;
let edit = null;
let rotate = null;
let current = null;

/**
 * Reads the access key file the AWS console offers when a key is created
 * into the form (key id, secret, and a name from the file's name).
 * @param {any} form
 * @param {File} file
 */
async function loadKeyFile(form, file) {
  const parsed = parseAccessKeysCsv(await file.text());
  if ('error' in parsed) {
    form.banner.show({ code: 'invalid_input', message: `${file.name}: ${parsed.error}` });
    return;
  }
  form.clearErrors();
  const name = form.input('name');
  if (!name.value.trim()) name.value = nameFrom(file.name.replace(/_?accessKeys\.csv$/i, '').replace(/\.csv$/i, ''));
  form.input('accessKeyId').value = parsed.accessKeyId;
  form.input('secretAccessKey').value = parsed.secretAccessKey;
  for (const input of [name, form.input('accessKeyId')]) input.dispatchEvent(new Event('input'));
  toast(t('sourceForm.keyFileRead', { key: `${parsed.accessKeyId.slice(0, 4)}…`, file: file.name }));
}

/** The "pick the key file" control of the add-source form. */
function keyFilePicker(getForm) {
  const input = h('input', {
    type: 'file', accept: '.csv,text/csv', class: 'visually-hidden', testid: 'source-key-file',
    'aria-label': t('sourceForm.keyFileLabel'),
    on: {
      change: async () => {
        const file = input.files?.[0];
        input.value = '';
        if (file) await loadKeyFile(getForm(), file);
      },
    },
  });
  const pick = h('label', { class: 'link-button', testid: 'source-key-file-pick' }, t('sourceForm.pickFile'), input);
  return h('p', { class: 'form-intro' }, ...tParts('sourceForm.addIntro', { pick }));
}

/**
 * Offers the YubiKey's OATH accounts (when ykman is installed and a key is
 * in) as code commands, the one named like the MFA device first.
 * @param {any} form
 * @param {string | null} mfaSerial
 */
async function offerYubikeyAccounts(form, mfaSerial) {
  try {
    const accounts = await call('yubikey_accounts', { mfa_serial: mfaSerial });
    form.setSuggestions('mfaCommand', accounts.map((a) => ({ value: a.command, label: t('sourceForm.yubikey', { name: a.name }) })));
  } catch { /* no suggestions: the field still takes any command */ }
}

export function openAddSource() {
  add ??= formDialog({
    key: 'source-add', title: t('sourceForm.addTitle'), submitLabel: t('sourceForm.addTitle'), fields: [NAME, REGION, KEY_ID, SECRET, MFA, MFA_COMMAND],
    intro: keyFilePicker(() => add.form),
    submit: async (values, form) => {
      const args = sourceFromForm(values);
      const snapshot = await sendSecret(form, 'add_source', args);
      return t('toast.sourceAdded', { name: args.name, key: maskedKeyOf(snapshot, args.name) });
    },
  });
  add.form.setValues({ name: '', accessKeyId: '', secretAccessKey: '', mfaSerial: '', region: '', mfaCommand: '' });
  add.form.clearErrors();
  offerYubikeyAccounts(add.form, null);
  add.dialog.open(add.form.input('name'));
}

export function openEditSource(source) {
  edit ??= formDialog({
    key: 'source-edit', title: t('sourceForm.editTitle'), submitLabel: t('form.save'), fields: [MFA, MFA_COMMAND, REGION],
    submit: async (values) => {
      await call('update_source', {
        name: current, mfa_serial: textOrNull(values.mfaSerial), region: textOrNull(values.region),
        mfa_command: textOrNull(values.mfaCommand),
      });
      return t('toast.saved', { name: current });
    },
  });
  current = source.name;
  edit.dialog.setTitle(t('sourceForm.editTitleFor', { name: source.name }));
  edit.form.setValues({ mfaSerial: source.mfa_serial ?? '', region: source.region ?? '', mfaCommand: source.mfa_command ?? '' });
  edit.form.clearErrors();
  offerYubikeyAccounts(edit.form, source.mfa_serial);
  edit.dialog.open(edit.form.input('mfaSerial'));
}

export function openRotateKey(source) {
  rotate ??= formDialog({
    key: 'source-rotate', title: t('sourceForm.replaceTitle'), submitLabel: t('sourceForm.replaceSubmit'), fields: [KEY_ID, SECRET],
    intro: h('p', { class: 'form-intro' }, t('sourceForm.replaceIntro')),
    submit: async (values, form) => {
      const args = { name: current, access_key_id: values.accessKeyId.trim(), secret_access_key: values.secretAccessKey };
      const snapshot = await sendSecret(form, 'rotate_source_key', args);
      return t('toast.keyReplaced', { name: current, key: maskedKeyOf(snapshot, current) });
    },
  });
  current = source.name;
  rotate.dialog.setTitle(t('sourceForm.replaceTitleFor', { name: source.name }));
  rotate.form.setValues({ accessKeyId: '', secretAccessKey: '' });
  rotate.form.clearErrors();
  rotate.dialog.open(rotate.form.input('accessKeyId'));
}
