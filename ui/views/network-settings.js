// @ts-check
// Settings → Network: which proxy RoleTray's calls take (the system's, none,
// or one of your own, its password kept in the keychain), hosts that go
// direct, an extra CA file, and "Test connection" (as `roletray network check`).
import { h, setChildren } from '../dom.js';
import { createForm } from '../forms.js';
import { call } from '../commands.js';
import { toast } from '../notices.js';

const MODES = [
  { value: 'system', label: 'The system’s proxy (HTTPS_PROXY, else the desktop’s settings)' },
  { value: 'none', label: 'No proxy' },
  { value: 'own', label: 'This proxy:' },
];

const FIELDS = [
  { name: 'mode', label: 'Proxy', type: 'select', field: 'proxy', options: MODES, wide: true },
  { name: 'url', label: 'Proxy URL', field: 'proxy', mono: true, wide: true, placeholder: 'http://user@proxy.example.com:3128',
    hint: 'http:// or https://, with a user name if the proxy asks for one; the password goes below.' },
  { name: 'password', label: 'Proxy password', type: 'password', field: 'password', optional: true, autocomplete: 'new-password',
    hint: 'Kept in the keychain. Leave empty to keep the current one.' },
  { name: 'bypass', label: 'Go direct to', field: 'bypass', mono: true, optional: true, wide: true, placeholder: 'corp.example, .internal, 10.0.0.0/8',
    hint: 'Hosts, domains and networks reached without the proxy (as NO_PROXY). This computer itself always is.' },
  { name: 'caBundle', label: 'Extra CA certificates (PEM file)', field: 'ca_bundle', mono: true, optional: true, wide: true,
    placeholder: '/path/to/company-root-ca.pem',
    hint: 'For a network that inspects TLS: your company’s root certificate, trusted besides the system’s. AWS_CA_BUNDLE and ca_bundle in ~/.aws/config are honoured too.' },
];

/** @param {any} p */
function probeLine(p) {
  const via = p.proxy ? `via ${p.proxy}` : 'direct';
  if (!p.problem) {
    return h('li', { class: 'probe ok', testid: 'probe' },
      h('strong', {}, `Reached: ${p.what}`), ` ${p.url} (${via}, ${p.millis} ms)`);
  }
  return h('li', { class: 'probe failed', testid: 'probe' },
    h('strong', {}, `Failed: ${p.what}`), ` ${p.url} (${via})`,
    h('p', { class: 'probe-problem' }, p.problem.message));
}

/** @param {any} r */
function reportEls(r) {
  const proxy = r.https_proxy ? `${r.https_proxy.value} (from ${r.https_proxy.from})` : 'none: calls go direct';
  const facts = [
    h('p', {}, `Proxy: ${proxy}`),
    h('p', {}, `CA certificates: the system’s${r.ca_files.map((f) => `, and ${f.value} (from ${f.from})`).join('')}`),
    ...r.notes.map((n) => h('p', { class: 'hint' }, n)),
  ];
  if (r.problem) return [...facts, h('p', { class: 'probe-problem', testid: 'network-problem' }, r.problem.message)];
  return [...facts, h('ul', { class: 'probes' }, r.probes.map(probeLine))];
}

export function createNetworkSettings() {
  const form = createForm({ id: 'network-form', fields: FIELDS, submitLabel: 'Save network settings', busyLabel: 'Saving…', submitTestid: 'network-save' });
  const test = h('button', { type: 'button', class: 'button', testid: 'network-test' }, 'Test connection');
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
    if (input) input.placeholder = view.has_password ? 'a password is kept' : '';
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
    toast('Network settings saved');
  };
  test.addEventListener('click', async () => {
    test.disabled = true;
    test.textContent = 'Testing…';
    setChildren(results, h('p', {}, 'Reaching each AWS endpoint RoleTray uses…'));
    try {
      setChildren(results, reportEls(await call('network_check', {})));
    } finally {
      test.disabled = false;
      test.textContent = 'Test connection';
    }
  });
  call('network_settings', {}).then(fill, () => {});

  const el = h('section', { class: 'network-settings', 'aria-labelledby': 'network-title' },
    h('h3', { id: 'network-title' }, 'Network'),
    h('p', { class: 'hint' }, 'How RoleTray reaches AWS: for every call, from the tray, this window and the command line.'),
    form.el, results);
  return { el };
}
