// @ts-check
// The Sources view: IAM users' keys (masked), their MFA device, region and the roles that use them;
// then the AWS console sign-ins (signin-sources.js) and the IAM Identity Center sources (sso-sources.js).
import { h, keyedList, setChildren } from '../dom.js';
import { perform } from '../commands.js';
import { confirmAction } from '../dialogs.js';
import { openAddSource, openEditSource, openRotateKey } from './source-forms.js';
import { createSigninSection } from './signin-sources.js';
import { createSsoSection } from './sso-sources.js';
import { nameLabel } from './marks.js';
import { t, summariseNames } from '../i18n.js';

async function removeSource(name, button) {
  const confirmed = await confirmAction({
    title: t('source.removeTitle', { name }),
    message: t('source.removeMessage', { name }),
    confirmLabel: t('source.removeConfirm'),
  });
  if (confirmed) await perform('remove_source', { name }, { button, success: t('toast.removed', { name }) });
}

/** Rotating makes a new key in AWS and deletes the old one there: nothing to undo, so it asks. */
async function rotateKey(name, button) {
  const confirmed = await confirmAction({
    title: t('source.rotateTitle', { name }),
    message: t('source.rotateMessage', { name }),
    confirmLabel: t('source.rotateConfirm'),
  });
  if (confirmed) await perform('rotate_source', { name }, { button, busyText: t('source.rotating'), success: t('toast.rotated', { name }) });
}

/** What IAM last said about the key, and what needs the person. */
function keyFacts(key) {
  if (!key) return h('p', { class: 'row-key muted', testid: 'source-key-facts' }, t('source.keyNotRead'));
  return h('div', { class: 'row-key', testid: 'source-key-facts' },
    h('p', { class: 'muted' }, key.summary),
    ...key.reminders.map((r) => h('p', { class: 'warning-text', testid: 'source-key-reminder' }, `⚠ ${r}`)));
}

function sourceRow(source) {
  const { name } = source;
  const roles = source.roles ?? [];
  const facts = [source.region, source.mfa_serial ? null : t('source.noMfa')].filter(Boolean).join(' · ');
  const button = (testid, text, label, click, extra = '') =>
    h('button', { type: 'button', class: `button small ${extra}`, testid, 'aria-label': label, on: { click } }, text);
  return {
    el: h('li', { class: 'row source-row', testid: 'source-row', 'data-source': name },
      h('div', { class: 'row-title' },
        nameLabel(name),
        h('span', { class: 'mono key-id', title: t('source.keyIdTitle') }, source.access_key_id_masked),
        facts ? h('span', { class: 'muted' }, facts) : null),
      h('div', { class: 'row-actions' },
        button('source-edit', t('source.edit'), t('source.editLabel', { name }), () => openEditSource(source)),
        button('source-rotate', t('source.rotate'), t('source.rotateLabel', { name }), (e) => rotateKey(name, e.currentTarget)),
        button('source-check', t('source.check'), t('source.checkLabel', { name }),
          (e) => perform('check_source', { name }, { button: e.currentTarget, success: t('toast.checked', { name }) })),
        button('source-replace', t('source.replace'), t('source.replaceLabel', { name }), () => openRotateKey(source)),
        source.mfa_serial
          ? button('source-forget-mfa', t('source.forgetMfa'), t('source.forgetMfaLabel', { name }),
            (e) => perform('forget_mfa_session', { source: name }, { button: e.currentTarget, success: t('toast.forgotMfa', { name }) }))
          : null,
        button('source-remove', t('source.remove'), t('source.removeLabel', { name }), (e) => removeSource(name, e.currentTarget), 'danger-text')),
      h('div', { class: 'row-sub' },
        source.mfa_serial ? h('span', { class: 'arn mono', title: t('source.mfaTitle', { serial: source.mfa_serial }) }, source.mfa_serial) : null),
      keyFacts(source.key),
      // A thousand role names would fill the window: the first two, and how many more.
      h('p', { class: 'row-note muted', testid: 'source-used-by' },
        roles.length ? t('source.usedBy', { roles: summariseNames(roles), count: roles.length }) : t('source.unused'))),
  };
}

export function createSourcesView(panel) {
  const addButton = h('button', { type: 'button', class: 'button primary', testid: 'source-add', on: { click: () => openAddSource() } }, t('sources.add'));
  const list = h('ul', { class: 'rows', 'aria-label': t('sources.listLabel') });
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
    emptyText.textContent = hasSso ? t('sources.emptyWithSso') : t('sources.empty');
    rows.update(sources.map((source) => ({ key: source.name, source, sig: JSON.stringify(source) })));
  }
  return { render };
}
