// @ts-check
// Settings → Network: which proxy RoleTray's calls take (the system's, none,
// or one of your own, its password kept in the keychain), hosts that go
// direct, an extra CA file, and "Test connection" (as `roletray network check`).
import { h, setChildren } from '../dom.js';
import { createForm } from '../forms.js';
import { call } from '../commands.js';
import { toast } from '../notices.js';
import { t, formatList } from '../i18n.js';

const MODES = [
  { value: 'system', label: t('network.modeSystem') },
  { value: 'none', label: t('network.modeNone') },
  { value: 'own', label: t('network.modeOwn') },
];

const FIELDS = [
  { name: 'mode', label: t('network.proxy'), type: 'select', field: 'proxy', options: MODES, wide: true },
  { name: 'url', label: t('network.url'), field: 'proxy', mono: true, wide: true, placeholder: t('example.proxyUrl'),
    hint: t('network.urlHint') },
  { name: 'password', label: t('network.password'), type: 'password', field: 'password', optional: true, autocomplete: 'new-password',
    hint: t('network.passwordHint') },
  { name: 'bypass', label: t('network.bypass'), field: 'bypass', mono: true, optional: true, wide: true, placeholder: t('example.bypass'),
    hint: t('network.bypassHint') },
  { name: 'caBundle', label: t('network.caBundle'), field: 'ca_bundle', mono: true, optional: true, wide: true,
    placeholder: t('example.caBundle'),
    hint: t('network.caBundleHint') },
];

/** @param {any} p */
function probeLine(p) {
  const via = p.proxy ? t('network.via', { proxy: p.proxy }) : t('network.direct');
  if (!p.problem) {
    return h('li', { class: 'probe ok', testid: 'probe' },
      h('strong', {}, t('network.reached', { what: p.what })), ' ', t('network.probeTimed', { url: p.url, via, ms: p.millis }));
  }
  return h('li', { class: 'probe failed', testid: 'probe' },
    h('strong', {}, t('network.failed', { what: p.what })), ' ', t('network.probe', { url: p.url, via }),
    h('p', { class: 'probe-problem' }, p.problem.message));
}

/** @param {any} r */
function reportEls(r) {
  const proxy = r.https_proxy ? t('network.from', { value: r.https_proxy.value, from: r.https_proxy.from }) : t('network.noProxy');
  const cas = [t('network.systemCas'), ...r.ca_files.map((f) => t('network.from', { value: f.value, from: f.from }))];
  const facts = [
    h('p', {}, t('network.proxyIs', { proxy })),
    h('p', {}, t('network.casAre', { cas: formatList(cas) })),
    ...r.notes.map((n) => h('p', { class: 'hint' }, n)),
  ];
  if (r.problem) return [...facts, h('p', { class: 'probe-problem', testid: 'network-problem' }, r.problem.message)];
  return [...facts, h('ul', { class: 'probes' }, r.probes.map(probeLine))];
}

export function createNetworkSettings() {
  const form = createForm({ id: 'network-form', fields: FIELDS, submitLabel: t('network.save'), busyLabel: t('form.saving'), submitTestid: 'network-save' });
  const test = h('button', { type: 'button', class: 'button', testid: 'network-test' }, t('network.test'));
  form.submitButton.before(test);
  const results = h('div', { class: 'network-results', testid: 'network-results', role: 'status', 'aria-live': 'polite' });
  const urlRow = form.el.querySelector('#network-form-url')?.closest('.field');
  const passwordRow = form.el.querySelector('#network-form-password')?.closest('.field');

  function showOwn(mode) {
    for (const row of [urlRow, passwordRow]) if (row) row.hidden = mode !== 'own';
  }

  /** @param {any} view */
  function fill(view) {
    const mode = view.proxy === 'system' || view.proxy === 'none' ? view.proxy : 'own';
    form.setValues({ mode, url: mode === 'own' ? view.proxy : '', password: '', bypass: view.bypass, caBundle: view.ca_bundle });
    const input = /** @type {HTMLInputElement|null} */ (form.el.querySelector('#network-form-password'));
    if (input) input.placeholder = view.has_password ? t('network.passwordKept') : '';
    showOwn(mode);
    form.clearErrors();
  }

  form.el.addEventListener('change', (e) => {
    const target = /** @type {HTMLSelectElement} */ (e.target);
    if (target?.name === 'mode') showOwn(target.value);
  });
  form.onSubmit = async (values) => {
    const proxy = values.mode === 'own' ? String(values.url ?? '').trim() : values.mode;
    const args = {
      network: { proxy, bypass: values.bypass ?? '', ca_bundle: values.caBundle ?? '', has_password: false },
      password: values.mode === 'own' && values.password ? values.password : null,
    };
    fill(await call('save_network', args));
    toast(t('toast.networkSaved'));
  };
  test.addEventListener('click', async () => {
    test.disabled = true;
    test.textContent = t('network.testing');
    setChildren(results, h('p', {}, t('network.reaching')));
    try {
      setChildren(results, reportEls(await call('network_check', {})));
    } finally {
      test.disabled = false;
      test.textContent = t('network.test');
    }
  });
  call('network_settings', {}).then(fill, () => {});

  const el = h('section', { class: 'network-settings', 'aria-labelledby': 'network-title' },
    h('h3', { id: 'network-title' }, t('network.title')),
    h('p', { class: 'hint' }, t('network.intro')),
    form.el, results);
  return { el };
}
