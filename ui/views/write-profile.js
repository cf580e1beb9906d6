// @ts-check
// The "Write profile" dialog: names the profile in ~/.aws/credentials (empty = the role's name).
import { h } from '../dom.js';
import { createDialog } from '../dialogs.js';
import { createForm } from '../forms.js';
import { call } from '../commands.js';
import { toast } from '../notices.js';
import { profileWrittenMessage } from '../format.js';
import { textOrNull } from '../form-values.js';

let dialog = null;
let form = null;
let role = null;

function build() {
  dialog = createDialog({ title: 'Write profile', testid: 'write-profile-dialog', onClose: () => form.clearErrors() });
  form = createForm({
    id: 'write-profile-form',
    submitLabel: 'Write profile', busyLabel: 'Writing…', submitTestid: 'write-profile-submit',
    cancelTestid: 'write-profile-cancel', onCancel: () => dialog.close(),
    intro: h('p', { class: 'form-intro' }, 'Writes the session\'s temporary credentials as a profile in your AWS credentials file. Other profiles are left as they are, and the original file is backed up on the first write.'),
    fields: [{ name: 'profile', label: 'Profile name', field: 'profile', validate: true, mono: true }],
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
  dialog.setTitle(`Write profile for ${roleName}`);
  form.setValues({ profile: '' });
  form.input('profile').placeholder = `${roleName} (the role's name)`;
  form.clearErrors();
  dialog.open(form.input('profile'));
}
