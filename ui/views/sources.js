// @ts-check
// The Sources view: IAM users' keys (masked), their MFA device, region and the roles that use them;
// then the AWS console sign-ins (signin-sources.js) and the IAM Identity Center sources (sso-sources.js).
import { h, keyedList, setChildren } from '../dom.js';
import { perform } from '../commands.js';
import { confirmAction } from '../dialogs.js';
import { openAddSource, openEditSource, openRotateKey } from './source-forms.js';
import { createSigninSection } from './signin-sources.js';
import { createSsoSection } from './sso-sources.js';

async function removeSource(name, button) {
  const confirmed = await confirmAction({
    title: `Remove source ${name}?`,
    message: `RoleTray deletes ${name}'s secret key from the keychain. The key stays valid in AWS until you deactivate it there.`,
    confirmLabel: 'Remove source',
  });
  if (confirmed) await perform('remove_source', { name }, { button, success: `Removed ${name}` });
}

/** What IAM last said about the key, and what needs the person. */
function keyFacts(key) {
  if (!key) return h('p', { class: 'row-key muted', testid: 'source-key-facts' }, 'Key age and last use not read yet: Check key asks IAM.');
  return h('div', { class: 'row-key', testid: 'source-key-facts' },
    h('p', { class: 'muted' }, key.summary),
    ...key.reminders.map((r) => h('p', { class: 'warning-text', testid: 'source-key-reminder' }, `⚠ ${r}`)));
}

function sourceRow(source) {
  const { name } = source;
  const roles = source.roles ?? [];
  const facts = [source.region, source.mfa_serial ? null : 'no MFA device'].filter(Boolean).join(' · ');
  const button = (testid, text, label, click, extra = '') =>
    h('button', { type: 'button', class: `button small ${extra}`, testid, 'aria-label': label, on: { click } }, text);
  return {
    el: h('li', { class: 'row source-row', testid: 'source-row', 'data-source': name },
      h('div', { class: 'row-title' },
        h('span', { class: 'role-name' }, name),
        h('span', { class: 'mono key-id', title: 'Access key ID (masked)' }, source.access_key_id_masked),
        facts ? h('span', { class: 'muted' }, facts) : null),
      h('div', { class: 'row-actions' },
        button('source-edit', 'Edit', `Edit ${name}`, () => openEditSource(source)),
        button('source-rotate', 'Rotate key', `Rotate the key of ${name}: RoleTray makes a new key, proves it, then deletes the old one`,
          (e) => perform('rotate_source', { name }, { button: e.currentTarget, success: `Rotated the key of ${name}` })),
        button('source-check', 'Check key', `Ask IAM now about the key of ${name}`,
          (e) => perform('check_source', { name }, { button: e.currentTarget, success: `Read the key facts of ${name}` })),
        button('source-replace', 'Replace key…', `Replace the key of ${name} with one you made yourself`, () => openRotateKey(source)),
        source.mfa_serial
          ? button('source-forget-mfa', 'Forget MFA session', `Forget the MFA session of ${name}: the next role asks for a code`,
            (e) => perform('forget_mfa_session', { source: name }, { button: e.currentTarget, success: `Forgot the MFA session of ${name}: the next role asks for a code` }))
          : null,
        button('source-remove', 'Remove', `Remove ${name}`, (e) => removeSource(name, e.currentTarget), 'danger-text')),
      h('div', { class: 'row-sub' },
        source.mfa_serial ? h('span', { class: 'arn mono', title: `MFA device: ${source.mfa_serial}` }, source.mfa_serial) : null),
      keyFacts(source.key),
      h('p', { class: 'row-note muted' }, roles.length ? `Used by ${roles.join(', ')}` : 'Not used by any role yet')),
  };
}

export function createSourcesView(panel) {
  const addButton = h('button', { type: 'button', class: 'button primary', testid: 'source-add', on: { click: () => openAddSource() } }, 'Add source');
  const list = h('ul', { class: 'rows', 'aria-label': 'Sources' });
  const emptyText = h('p', {});
  const empty = h('div', { class: 'empty', hidden: true }, emptyText);
  const signin = createSigninSection();
  const sso = createSsoSection();
  setChildren(panel, h('div', { class: 'toolbar' }, addButton), empty, list, signin.el, sso.el);
  const rows = keyedList(list, (item) => sourceRow(item.source));

  function render(snapshot) {
    signin.render(snapshot);
    sso.render(snapshot);
    const sources = [...snapshot.sources].sort((a, b) => a.name.localeCompare(b.name));
    empty.hidden = sources.length > 0;
    // With Identity Center or console sign-ins, no access key is nothing to worry about.
    const hasSso = (snapshot.sso_sources ?? []).length > 0 || (snapshot.signin_sources ?? []).length > 0;
    empty.classList.toggle('empty-inline', hasSso);
    empty.classList.toggle('empty', !hasSso);
    emptyText.textContent = hasSso
      ? 'No IAM user access keys: add one only if you also assume roles with an IAM user\'s keys.'
      : 'No sources yet: add your IAM user\'s access key. It is kept in the OS keychain, and roles are assumed with it.';
    rows.update(sources.map((source) => ({ key: source.name, source, sig: JSON.stringify(source) })));
  }
  return { render };
}
