// @ts-check
// Pure conversions between form values (strings, booleans) and the backend's objects.
import { t } from './i18n.js';

/** Trimmed text, or null when empty. */
export function textOrNull(value) {
  const text = String(value ?? '').trim();
  return text === '' ? null : text;
}

function localError(field, message) {
  return { code: 'invalid_input', field, message };
}

/** A whole number from a text field, or null when empty; throws a field error otherwise. */
export function wholeNumberOrNull(value, field, what) {
  const text = String(value ?? '').trim();
  if (text === '') return null;
  if (!/^\d+$/.test(text)) throw localError(field, t('form.wholeNumber', { what }));
  return Number(text);
}

/** The "from" select holds "source:NAME" or "via:NAME". */
export function encodeOrigin({ source, via }) {
  if (source) return `source:${source}`;
  if (via) return `via:${via}`;
  return '';
}

export function decodeOrigin(value) {
  const text = String(value ?? '');
  const colon = text.indexOf(':');
  const kind = text.slice(0, colon);
  const name = text.slice(colon + 1);
  if (colon < 0 || !name) return { source: null, via: null };
  return { source: kind === 'source' ? name : null, via: kind === 'via' ? name : null };
}

/** Whether a label means production (which asks first unless told otherwise), as the backend reads it. */
export function isProduction(label) {
  return ['production', 'prod'].includes(String(label ?? '').trim().toLowerCase());
}

/** Role form values -> the `save_role` arguments (without `replace`). */
export function roleFromForm(values) {
  const { source, via } = decodeOrigin(values.origin);
  const environment = textOrNull(values.environment);
  const asks = !!values.confirm;
  return {
    name: String(values.name ?? '').trim(),
    role: {
      role_arn: String(values.roleArn ?? '').trim(),
      source,
      via,
      external_id: textOrNull(values.externalId),
      session_name: textOrNull(values.sessionName),
      duration_seconds: wholeNumberOrNull(values.duration, 'duration', t('field.duration')),
      mfa_serial: textOrNull(values.mfaSerial),
      region: textOrNull(values.region),
      favourite: !!values.favourite,
      mfa_command: textOrNull(values.mfaCommand),
      environment,
      colour: values.colour ? values.colour : null,
      // Only a choice that differs from the label's default is kept.
      confirm: asks === isProduction(environment) ? null : asks,
    },
  };
}

/** A role of the snapshot -> role form values. */
export function roleToForm(role) {
  return {
    name: role?.name ?? '',
    roleArn: role?.role_arn ?? '',
    origin: role ? encodeOrigin(role) : '',
    externalId: role?.external_id ?? '',
    sessionName: role?.session_name ?? '',
    duration: role?.duration_seconds != null ? String(role.duration_seconds) : '',
    mfaSerial: role?.mfa_serial ?? '',
    region: role?.region ?? '',
    favourite: !!role?.favourite,
    mfaCommand: role?.mfa_command ?? '',
    environment: role?.environment ?? '',
    colour: role?.colour ?? '',
    confirm: !!role?.asks_first,
  };
}

/** Source form values -> the `add_source` arguments. The secret is passed on untouched. */
export function sourceFromForm(values) {
  return {
    name: String(values.name ?? '').trim(),
    access_key_id: String(values.accessKeyId ?? '').trim(),
    secret_access_key: String(values.secretAccessKey ?? ''),
    mfa_serial: textOrNull(values.mfaSerial),
    region: textOrNull(values.region),
    mfa_command: textOrNull(values.mfaCommand),
  };
}

function positiveNumber(value, field, what) {
  const text = String(value ?? '').trim().replace(',', '.');
  const n = Number(text);
  if (text === '' || !Number.isFinite(n) || n < 0) throw localError(field, t('form.positiveNumber', { what }));
  return n;
}

/**
 * Settings form values (minutes, hours) -> the settings object (seconds).
 * Keys the form does not show are kept from `current`.
 */
export function settingsFromForm(values, current = {}) {
  return {
    ...current,
    default_shell: values.defaultShell,
    notify_before_seconds: Math.round(positiveNumber(values.notifyBeforeMinutes, 'notify_before_seconds', t('field.notifyBefore')) * 60),
    auto_renew: !!values.autoRenew,
    clipboard_clear_seconds: Math.round(positiveNumber(values.clipboardClearSeconds, 'clipboard_clear_seconds', t('field.clipboardClear'))),
    min_ttl_seconds: Math.round(positiveNumber(values.minTtlMinutes, 'min_ttl_seconds', t('field.minTtl')) * 60),
    start_at_login: !!values.startAtLogin,
    mfa_session_seconds: Math.round(positiveNumber(values.mfaSessionHours, 'mfa_session_seconds', t('field.mfaSession')) * 3600),
    // Emptied, it reads as off (the backend says so); a form without the field keeps it.
    ...(values.paletteShortcut === undefined ? {} : { palette_shortcut: String(values.paletteShortcut).trim() }),
  };
}

const trimNumber = (n) => String(Math.round(n * 100) / 100);

/** The settings object -> settings form values. */
export function settingsToForm(settings = {}) {
  return {
    defaultShell: settings.default_shell ?? 'bash',
    notifyBeforeMinutes: trimNumber((settings.notify_before_seconds ?? 600) / 60),
    autoRenew: !!settings.auto_renew,
    clipboardClearSeconds: String(settings.clipboard_clear_seconds ?? 60),
    minTtlMinutes: trimNumber((settings.min_ttl_seconds ?? 300) / 60),
    startAtLogin: !!settings.start_at_login,
    mfaSessionHours: trimNumber((settings.mfa_session_seconds ?? 43200) / 3600),
    paletteShortcut: settings.palette_shortcut ?? '',
  };
}
