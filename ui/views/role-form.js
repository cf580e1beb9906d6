// @ts-check
// The add/edit role dialog.
import { createDialog } from '../dialogs.js';
import { createForm } from '../forms.js';
import { call } from '../commands.js';
import { toast } from '../notices.js';
import { getSnapshot } from '../state.js';
import { isProduction, roleFromForm, roleToForm } from '../form-values.js';
import { parseSwitchRoleLink } from '../pasted.js';
import { t } from '../i18n.js';

const ENVIRONMENTS = ['production', 'staging', 'development'];
const COLOURS = [{ value: '', label: t('roleForm.colourDefault') },
  ...['red', 'orange', 'yellow', 'green', 'blue', 'purple', 'grey'].map((c) => ({ value: c, label: t(`colour.${c}`) }))];

let dialog = null;
let form = null;
let editing = null;

const FIELDS = [
  { name: 'name', label: t('roleForm.name'), field: 'name', validate: true, required: true, placeholder: t('example.roleName') },
  { name: 'region', label: t('field.region'), field: 'region', validate: true, optional: true, placeholder: t('example.region') },
  { name: 'roleArn', label: t('roleForm.roleArn'), field: 'role_arn', validate: true, required: true, mono: true, wide: true,
    placeholder: t('example.roleArn'), hint: t('roleForm.roleArnHint') },
  { name: 'origin', label: t('roleForm.origin'), type: 'select', field: 'source', errorFields: ['via'], required: true,
    hint: t('roleForm.originHint') },
  { name: 'duration', label: t('roleForm.duration'), field: 'duration', validate: true, optional: true, inputmode: 'numeric', placeholder: '3600',
    hint: t('roleForm.durationHint') },
  { name: 'externalId', label: t('roleForm.externalId'), field: 'external_id', validate: true, optional: true,
    hint: t('roleForm.externalIdHint') },
  { name: 'sessionName', label: t('roleForm.sessionName'), field: 'session_name', validate: true, optional: true, hint: t('roleForm.sessionNameHint') },
  { name: 'mfaSerial', label: t('field.mfaSerial'), field: 'mfa_serial', validate: true, optional: true, mono: true, wide: true,
    placeholder: t('example.mfaSerial'), hint: t('roleForm.mfaSerialHint') },
  { name: 'mfaCommand', label: t('field.mfaCommand'), field: 'mfa_command', validate: true, optional: true, mono: true, wide: true,
    placeholder: t('example.mfaCommand'), hint: t('roleForm.mfaCommandHint') },
  { name: 'environment', label: t('roleForm.environment'), field: 'environment', validate: true, optional: true, placeholder: 'production',
    suggest: ENVIRONMENTS.map((e) => ({ value: e, label: e })), hint: t('roleForm.environmentHint') },
  { name: 'colour', label: t('roleForm.colour'), type: 'select', field: 'colour', options: COLOURS },
  { name: 'confirm', label: t('roleForm.confirm'), type: 'checkbox', field: 'confirm',
    hint: t('roleForm.confirmHint') },
  { name: 'favourite', label: t('roleForm.favourite'), type: 'checkbox', field: 'favourite' },
];

/**
 * The "Assume from" choices (the snapshot lists roles in the order shown).
 * @param {import('../contract.js').Snapshot | null} snapshot
 * @param {string | null} editingName
 */
function originOptions(snapshot, editingName) {
  const sources = (snapshot?.sources ?? []).map((s) => ({ value: `source:${s.name}`, label: s.name }));
  const roles = (snapshot?.roles ?? []).filter((r) => r.name !== editingName)
    .map((r) => ({ value: `via:${r.name}`, label: t('origin.via', { role: r.name }) }));
  /** @type {any[]} */
  const options = [{ value: '', label: sources.length || roles.length ? t('roleForm.choose') : t('roleForm.addSourceFirst'), disabled: true }];
  if (sources.length) options.push({ group: t('roleForm.groupSources'), options: sources });
  if (roles.length) options.push({ group: t('roleForm.groupRoles'), options: roles });
  return options;
}

function build() {
  dialog = createDialog({ title: t('roleForm.addTitle'), testid: 'role-dialog', wide: true, onClose: () => form.clearErrors() });
  form = createForm({
    id: 'role-form', fields: FIELDS, submitLabel: t('roleForm.save'), busyLabel: t('form.saving'),
    submitTestid: 'role-save', cancelTestid: 'role-cancel', onCancel: () => dialog.close(),
  });
  form.onSubmit = async (values) => {
    const { name, role } = roleFromForm(values);
    await call('save_role', { name, role, replace: editing !== null });
    dialog.close();
    toast(editing !== null ? t('toast.saved', { name }) : t('toast.added', { name }));
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
  toast(link.displayName
    ? t('roleForm.fromLinkNamed', { role: link.roleName, account: link.account, display: link.displayName })
    : t('roleForm.fromLink', { role: link.roleName, account: link.account }));
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
  nameInput.title = role ? t('roleForm.renameHint') : '';
  dialog.setTitle(role ? t('roleForm.editTitle', { name: role.name }) : t('roleForm.addTitle'));
  dialog.open(role ? form.input('roleArn') : nameInput);
}
