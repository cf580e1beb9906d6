// @ts-check
// The "Write profile" dialog: names the profile in ~/.aws/credentials (empty = the role's name).
import { h } from '../dom.js';
import { createDialog } from '../dialogs.js';
import { createForm } from '../forms.js';
import { call } from '../commands.js';
import { toast } from '../notices.js';
import { profileWrittenMessage } from '../format.js';
import { textOrNull } from '../form-values.js';
import { t } from '../i18n.js';

let dialog = null;
let form = null;
let role = null;

function build() {
  dialog = createDialog({ title: t('writeProfile.title'), testid: 'write-profile-dialog', onClose: () => form.clearErrors() });
  form = createForm({
    id: 'write-profile-form',
    submitLabel: t('writeProfile.submit'), busyLabel: t('writeProfile.busy'), submitTestid: 'write-profile-submit',
    cancelTestid: 'write-profile-cancel', onCancel: () => dialog.close(),
    intro: h('p', { class: 'form-intro' }, t('writeProfile.intro')),
    fields: [{ name: 'profile', label: t('writeProfile.profile'), field: 'profile', validate: true, mono: true }],
  });
  form.onSubmit = async ({ profile }) => {
    const name = textOrNull(profile);
    const result = await call('write_profile', { role, profile: name });
    dialog.close();
    toast(profileWrittenMessage(name ?? role, result ?? {}), 5000);
  };
  dialog.body.append(form.el);
}

export function openWriteProfile(roleName) {
  if (!dialog) build();
  role = roleName;
  dialog.setTitle(t('writeProfile.titleFor', { role: roleName }));
  form.setValues({ profile: '' });
  form.input('profile').placeholder = t('writeProfile.placeholder', { role: roleName });
  form.clearErrors();
  dialog.open(form.input('profile'));
}
