// Building the backend's objects (snake_case, as the contract has them) from form values and back (ui/form-values.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  roleFromForm, roleToForm, encodeOrigin, decodeOrigin, sourceFromForm, settingsFromForm, settingsToForm, textOrNull,
  isProduction,
} from '../form-values.js';

const form = {
  name: ' dev ', roleArn: ' arn:aws:iam::123456789012:role/dev ', origin: 'source:alice', externalId: '',
  sessionName: '  ', duration: '3600', mfaSerial: '', region: 'eu-west-1', favourite: true,
};

test('a role from the form: trimmed, nulls for empty optional fields, a number for the duration', () => {
  assert.deepEqual(roleFromForm(form), {
    name: 'dev',
    role: {
      role_arn: 'arn:aws:iam::123456789012:role/dev', source: 'alice', via: null, external_id: null, session_name: null,
      duration_seconds: 3600, mfa_serial: null, region: 'eu-west-1', favourite: true,
      mfa_command: null, environment: null, colour: null, confirm: null,
    },
  });
});

test('a label and colour are kept, and the question is only kept when it differs from the label\'s default', () => {
  const labelled = { ...form, environment: ' production ', colour: 'red', confirm: true, mfaCommand: ' ykman oath accounts code --single me ' };
  const { role } = roleFromForm(labelled);
  assert.equal(role.environment, 'production');
  assert.equal(role.colour, 'red');
  assert.equal(role.confirm, null, 'production asks by default: nothing to keep');
  assert.equal(role.mfa_command, 'ykman oath accounts code --single me');
  assert.equal(roleFromForm({ ...labelled, confirm: false }).role.confirm, false);
  assert.equal(roleFromForm({ ...labelled, environment: 'staging' }).role.confirm, true);
  assert.equal(roleFromForm({ ...labelled, environment: '', colour: '' }).role.colour, null);
  assert.ok(isProduction('Prod'));
  assert.ok(!isProduction('staging'));
});

test('a chained role has via and no source; an empty duration is null', () => {
  const { role } = roleFromForm({ ...form, origin: 'via:dev', duration: '' });
  assert.equal(role.source, null);
  assert.equal(role.via, 'dev');
  assert.equal(role.duration_seconds, null);
});

test('a duration that is not a whole number is a duration field error', () => {
  assert.throws(() => roleFromForm({ ...form, duration: '1h' }), (e) => e.field === 'duration' && e.code === 'invalid_input');
});

test('origin encodes to one select value and back, names with colons included', () => {
  assert.equal(encodeOrigin({ source: 'alice', via: null }), 'source:alice');
  assert.equal(encodeOrigin({ source: null, via: 'dev' }), 'via:dev');
  assert.equal(encodeOrigin({ source: null, via: null }), '');
  assert.deepEqual(decodeOrigin('via:a:b'), { source: null, via: 'a:b' });
  assert.deepEqual(decodeOrigin(''), { source: null, via: null });
});

test('a snapshot role fills the form, and the form gives the same role back', () => {
  const snapshotRole = {
    name: 'prod', role_arn: 'arn:aws:iam::444455556666:role/admin', source: null, via: 'dev', external_id: 'abc-123',
    session_name: 'me', duration_seconds: 3600, mfa_serial: null, region: null, favourite: false, session: null,
    mfa_command: null, environment: 'production', colour: 'red', asks_first: false,
  };
  const values = roleToForm(snapshotRole);
  assert.equal(values.origin, 'via:dev');
  assert.equal(values.duration, '3600');
  assert.equal(values.mfaSerial, '');
  const { name, role } = roleFromForm(values);
  assert.equal(name, 'prod');
  assert.deepEqual(role, {
    role_arn: snapshotRole.role_arn, source: null, via: 'dev', external_id: 'abc-123', session_name: 'me',
    duration_seconds: 3600, mfa_serial: null, region: null, favourite: false,
    mfa_command: null, environment: 'production', colour: 'red', confirm: false,
  });
});

test('an empty form is all empty strings', () => {
  assert.equal(roleToForm(undefined).origin, '');
  assert.equal(roleToForm(undefined).favourite, false);
});

test('a source keeps its secret as typed and trims the rest', () => {
  assert.deepEqual(sourceFromForm({ name: ' me ', accessKeyId: ' AKIAIOSFODNN7EXAMPLE ', secretAccessKey: ' s/e+c ', mfaSerial: '', region: ' ' }), {
    name: 'me', access_key_id: 'AKIAIOSFODNN7EXAMPLE', secret_access_key: ' s/e+c ', mfa_serial: null, region: null,
    mfa_command: null,
  });
});

test('settings convert minutes and hours to seconds and keep keys the form does not show', () => {
  const current = { default_shell: 'bash', notify_before_seconds: 600, future_key: 7 };
  const settings = settingsFromForm({
    defaultShell: 'fish', notifyBeforeMinutes: '15', autoRenew: true, clipboardClearSeconds: '0',
    minTtlMinutes: '5', startAtLogin: false, mfaSessionHours: '1,5', paletteShortcut: ' Super+Space ',
  }, current);
  assert.deepEqual(settings, {
    default_shell: 'fish', notify_before_seconds: 900, auto_renew: true, clipboard_clear_seconds: 0,
    min_ttl_seconds: 300, start_at_login: false, mfa_session_seconds: 5400, future_key: 7,
    palette_shortcut: 'Super+Space',
  });
});

test('a setting that is not a number names its field', () => {
  const values = settingsToForm({});
  assert.throws(() => settingsFromForm({ ...values, clipboardClearSeconds: 'soon' }), (e) => e.field === 'clipboard_clear_seconds');
  assert.throws(() => settingsFromForm({ ...values, minTtlMinutes: '-1' }), (e) => e.field === 'min_ttl_seconds');
});

test('settings fill the form in minutes and hours, with defaults for missing keys', () => {
  assert.deepEqual(settingsToForm({
    default_shell: 'zsh', notify_before_seconds: 600, auto_renew: false, clipboard_clear_seconds: 60,
    min_ttl_seconds: 300, start_at_login: true, mfa_session_seconds: 43200, palette_shortcut: 'Ctrl+Alt+Shift+A',
  }), {
    defaultShell: 'zsh', notifyBeforeMinutes: '10', autoRenew: false, clipboardClearSeconds: '60',
    minTtlMinutes: '5', startAtLogin: true, mfaSessionHours: '12', paletteShortcut: 'Ctrl+Alt+Shift+A',
  });
  assert.equal(settingsToForm({ notify_before_seconds: 90 }).notifyBeforeMinutes, '1.5');
  assert.equal(settingsToForm({}).defaultShell, 'bash');
});

test('textOrNull trims and turns empty into null', () => {
  assert.equal(textOrNull('  x '), 'x');
  assert.equal(textOrNull('   '), null);
  assert.equal(textOrNull(undefined), null);
});
