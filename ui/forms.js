// @ts-check
// Forms built from field specs: a label, hint and error slot for every control,
// live validation through `validate_field`, inline field errors, busy submit.
import { h, debounce } from './dom.js';
import { invoke } from './ipc.js';
import { normaliseError, fieldForError } from './errors.js';
import { bannerElement } from './notices.js';
import { t } from './i18n.js';

/*
 * A field spec: { name, label, type ('text'|'password'|'number'|'checkbox'|'select'),
 *   field (the backend's field name, used for validate_field and for matching errors),
 *   errorFields (other backend names that point at this control), validate (bool),
 *   options ([{ value, label }] or [{ group, options }]), hint, placeholder,
 *   autocomplete, inputmode, mono, readOnly, min, step, required, optional, wide (spans both columns),
 *   suggest ([{ value, label }] offered as the text field's suggestions) }
 */

function optionEls(options) {
  return options.map((o) => (o.group
    ? h('optgroup', { label: o.group }, optionEls(o.options))
    : h('option', { value: o.value, disabled: !!o.disabled }, o.label)));
}

function control(spec, id, describedBy) {
  const common = { id, name: spec.name, testid: id, 'aria-describedby': describedBy };
  if (spec.type === 'select') return h('select', common, optionEls(spec.options ?? []));
  if (spec.type === 'checkbox') return h('input', { ...common, type: 'checkbox' });
  const input = h('input', {
    ...common,
    type: spec.type ?? 'text',
    class: spec.mono ? 'mono' : null,
    placeholder: spec.placeholder,
    autocomplete: spec.autocomplete ?? 'off',
    inputMode: spec.inputmode,
    readOnly: !!spec.readOnly,
    min: spec.min, step: spec.step,
    'aria-required': spec.required ? 'true' : null,
  });
  input.spellcheck = false;
  if (spec.suggest) input.setAttribute('list', `${id}-suggestions`);
  return input;
}

function fieldRow(formId, spec) {
  const id = `${formId}-${spec.name}`;
  const hint = spec.hint ? h('p', { class: 'field-hint', id: `${id}-hint` }, spec.hint) : null;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const describedBy = [hint && `${id}-hint`, `${id}-error`].filter(Boolean).join(' ');
  const input = control(spec, id, describedBy);
  const label = h('label', { for: id }, spec.label, spec.optional ? h('span', { class: 'optional' }, ` ${t('form.optional')}`) : null);
  const suggestions = spec.suggest
    ? h('datalist', { id: `${id}-suggestions`, testid: `${id}-suggestions` }, optionEls(spec.suggest))
    : null;
  const row = spec.type === 'checkbox'
    ? h('div', { class: 'field field-checkbox' }, input, label, hint, error)
    : h('div', { class: spec.wide ? 'field wide' : 'field' }, label, input, suggestions, hint, error);
  return { row, input, error, spec, suggestions };
}

/**
 * Builds a form. `submit(values)` may throw a `{ code, message, field }`: a field
 * error shows next to its control, anything else in the form's banner.
 */
/**
 * @param {{ id: string, fields: any[], submitLabel: string, submitTestid: string,
 *   cancelTestid?: string, onCancel?: () => void, busyLabel?: string, intro?: Node }} options
 */
export function createForm({ id, fields, submitLabel, submitTestid, cancelTestid, onCancel, busyLabel, intro }) {
  const entries = fields.map((spec) => fieldRow(id, spec));
  const byName = new Map(entries.map((e) => [e.spec.name, e]));
  const banner = bannerElement(`${id}-banner`);
  const submitButton = h('button', { type: 'submit', class: 'button primary', testid: submitTestid }, submitLabel);
  const cancelButton = onCancel
    ? h('button', { type: 'button', class: 'button', testid: cancelTestid, on: { click: onCancel } }, t('form.cancel'))
    : null;
  const el = h('form', { id, class: 'form', novalidate: true },
    banner.el, intro ?? null,
    h('div', { class: 'fields' }, entries.map((e) => e.row)),
    h('div', { class: 'form-actions' }, cancelButton, submitButton));

  function setFieldError(entry, message) {
    entry.error.textContent = message ?? '';
    entry.error.hidden = !message;
    entry.input.setAttribute('aria-invalid', message ? 'true' : 'false');
  }

  for (const entry of entries) {
    if (!entry.spec.validate) continue;
    let sequence = 0;
    const check = debounce(async () => {
      const mine = ++sequence;
      const value = entry.input.value;
      if (value.trim() === '') { setFieldError(entry, null); return; }
      try {
        const problem = await invoke('validate_field', { field: entry.spec.field, value });
        if (mine === sequence) setFieldError(entry, problem ? normaliseError(problem).message : null);
      } catch { /* validation is advisory; submitting reports the real error */ }
    }, 200);
    entry.input.addEventListener('input', check);
  }

  const api = {
    el,
    banner,
    input: (name) => byName.get(name)?.input,
    values() {
      const out = {};
      for (const e of entries) out[e.spec.name] = e.spec.type === 'checkbox' ? e.input.checked : e.input.value;
      return out;
    },
    setValues(values) {
      for (const [name, value] of Object.entries(values)) {
        const e = byName.get(name);
        if (!e) continue;
        if (e.spec.type === 'checkbox') e.input.checked = !!value;
        else e.input.value = value ?? '';
      }
    },
    /** @param {string} name @param {any[]} options */
    setOptions(name, options) {
      const e = byName.get(name);
      if (e) e.input.replaceChildren(...optionEls(options));
    },
    /** Offers `options` ([{ value, label }]) as the suggestions of a field made with `suggest`. @param {string} name @param {any[]} options */
    setSuggestions(name, options) {
      byName.get(name)?.suggestions?.replaceChildren(...optionEls(options));
    },
    clearErrors() {
      banner.hide();
      for (const e of entries) setFieldError(e, null);
    },
    clearSecrets() {
      for (const e of entries) if (e.spec.type === 'password') e.input.value = '';
    },
    /** Shows an error inline when it names one of this form's fields; returns true if it did. */
    showError(error) {
      const err = normaliseError(error);
      const names = entries.flatMap((e) => [e.spec.field, ...(e.spec.errorFields ?? [])]).filter(Boolean);
      const matched = fieldForError(err, names);
      const entry = matched && entries.find((e) => e.spec.field === matched || e.spec.errorFields?.includes(matched));
      if (entry) {
        setFieldError(entry, err.message);
        entry.input.focus();
        return true;
      }
      banner.show(err);
      return false;
    },
    focusFirst() {
      const first = entries.find((e) => !e.input.readOnly && !e.input.disabled);
      first?.input.focus();
    },
    submitButton,
  };

  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submitButton.getAttribute('aria-busy') === 'true') return;
    api.clearErrors();
    const label = submitButton.textContent;
    submitButton.setAttribute('aria-busy', 'true');
    if (busyLabel) submitButton.textContent = busyLabel;
    try {
      await api.onSubmit?.(api.values());
    } catch (error) {
      api.showError(error);
    } finally {
      submitButton.removeAttribute('aria-busy');
      submitButton.textContent = label;
    }
  });
  return api;
}
