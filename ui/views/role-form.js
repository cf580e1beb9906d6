// @ts-check
// The add/edit role dialog.
import { createDialog } from '../dialogs.js';
import { createForm } from '../forms.js';
import { call } from '../commands.js';
import { toast } from '../notices.js';
import { getSnapshot } from '../state.js';
import { isProduction, roleFromForm, roleToForm } from '../form-values.js';
import { parseSwitchRoleLink } from '../pasted.js';

const ENVIRONMENTS = ['production', 'staging', 'development'];
const COLOURS = [{ value: '', label: 'The label\'s (production red, staging orange, development green)' },
  ...['red', 'orange', 'yellow', 'green', 'blue', 'purple', 'grey'].map((c) => ({ value: c, label: c }))];

let dialog = null;
let form = null;
let editing = null;

const FIELDS = [
  { name: 'name', label: 'Name', field: 'name', validate: true, required: true, placeholder: 'dev' },
  { name: 'region', label: 'Region', field: 'region', validate: true, optional: true, placeholder: 'eu-west-1' },
  { name: 'roleArn', label: 'Role ARN', field: 'role_arn', validate: true, required: true, mono: true, wide: true,
    placeholder: 'arn:aws:iam::123456789012:role/NAME', hint: 'Or paste the console\'s switch-role link: it fills the ARN and the name.' },
  { name: 'origin', label: 'Assume from', type: 'select', field: 'source', errorFields: ['via'], required: true,
    hint: 'A source\'s keys, or another role (chaining).' },
  { name: 'duration', label: 'Duration (seconds)', field: 'duration', validate: true, optional: true, inputmode: 'numeric', placeholder: '3600',
    hint: '900 to 43200; chained roles get at most 3600.' },
  { name: 'externalId', label: 'External ID', field: 'external_id', validate: true, optional: true,
    hint: 'Only if the account\'s owner gave you one with the role: it makes sure nobody can trick you into acting on their account.' },
  { name: 'sessionName', label: 'Session name', field: 'session_name', validate: true, optional: true, hint: 'Shown in CloudTrail.' },
  { name: 'mfaSerial', label: 'MFA device ARN', field: 'mfa_serial', validate: true, optional: true, mono: true, wide: true,
    placeholder: 'arn:aws:iam::123456789012:mfa/you', hint: 'Only when this role asks for MFA and its source has no device set.' },
  { name: 'mfaCommand', label: 'MFA code command', field: 'mfa_command', validate: true, optional: true, mono: true, wide: true,
    placeholder: 'ykman oath accounts code --single aws-me', hint: 'For this role\'s own MFA device: a program that prints its code (run without a shell).' },
  { name: 'environment', label: 'Environment', field: 'environment', validate: true, optional: true, placeholder: 'production',
    suggest: ENVIRONMENTS.map((e) => ({ value: e, label: e })), hint: 'Shown on the tray icon, in menus and in your shell prompt.' },
  { name: 'colour', label: 'Colour', type: 'select', field: 'colour', options: COLOURS },
  { name: 'confirm', label: 'Ask before assuming it from the tray or this window', type: 'checkbox', field: 'confirm',
    hint: 'On by default for production. Tools (credential_process, exec) are never asked.' },
  { name: 'favourite', label: 'Favourite: list it first', type: 'checkbox', field: 'favourite' },
];

/**
 * The "Assume from" choices (the snapshot lists roles in the order shown).
 * @param {import('../contract.js').Snapshot | null} snapshot
 * @param {string | null} editingName
 */
function originOptions(snapshot, editingName) {
  const sources = (snapshot?.sources ?? []).map((s) => ({ value: `source:${s.name}`, label: s.name }));
  const roles = (snapshot?.roles ?? []).filter((r) => r.name !== editingName)
    .map((r) => ({ value: `via:${r.name}`, label: `via ${r.name}` }));
  /** @type {any[]} */
  const options = [{ value: '', label: sources.length || roles.length ? 'Choose…' : 'Add a source first', disabled: true }];
  if (sources.length) options.push({ group: 'Sources (access keys)', options: sources });
  if (roles.length) options.push({ group: 'Roles (chained)', options: roles });
  return options;
}

function build() {
  dialog = createDialog({ title: 'Add role', testid: 'role-dialog', wide: true, onClose: () => form.clearErrors() });
  form = createForm({
    id: 'role-form', fields: FIELDS, submitLabel: 'Save role', busyLabel: 'Saving…',
    submitTestid: 'role-save', cancelTestid: 'role-cancel', onCancel: () => dialog.close(),
  });
  form.onSubmit = async (values) => {
    const { name, role } = roleFromForm(values);
    await call('save_role', { name, role, replace: editing !== null });
    dialog.close();
    toast(editing !== null ? `Saved ${name}` : `Added ${name}`);
  };
  dialog.body.append(form.el);
  // A pasted link is read at once; a typed one when the field is left.
  // Labelling a new role production turns on the question, as the backend's default does.
  const environment = form.input('environment');
  environment.addEventListener('change', () => {
    /** @type {HTMLInputElement} */ (form.input('confirm')).checked = isProduction(environment.value);
  });
  const arn = form.input('roleArn');
  arn.addEventListener('paste', () => setTimeout(() => fillFromLink(arn)));
  arn.addEventListener('change', () => fillFromLink(arn));
}

/**
 * A switch-role link pasted into the ARN field becomes the ARN, and names
 * the role when it has no name yet.
 * @param {HTMLInputElement} arn
 */
function fillFromLink(arn) {
  const link = parseSwitchRoleLink(arn.value);
  if (!link) return;
  arn.value = link.roleArn;
  arn.dispatchEvent(new Event('input'));
  const name = form.input('name');
  if (!name.readOnly && !name.value.trim()) {
    name.value = link.name;
    name.dispatchEvent(new Event('input'));
  }
  const shown = link.displayName ? ` ("${link.displayName}")` : '';
  toast(`From the switch-role link: role ${link.roleName} in account ${link.account}${shown}`);
}

/** Opens the form empty (`role` undefined) or filled with a role of the snapshot to edit it. */
export function openRoleForm(role) {
  if (!dialog) build();
  editing = role ? role.name : null;
  const snapshot = getSnapshot();
  form.setOptions('origin', originOptions(snapshot, editing));
  form.clearErrors();
  const values = roleToForm(role);
  if (!role && snapshot?.sources?.length === 1) values.origin = `source:${snapshot.sources[0].name}`;
  form.setValues(values);
  const nameInput = form.input('name');
  nameInput.readOnly = !!role;
  nameInput.title = role ? 'To rename a role, add it under the new name and remove this one.' : '';
  dialog.setTitle(role ? `Edit role ${role.name}` : 'Add role');
  dialog.open(role ? form.input('roleArn') : nameInput);
}
