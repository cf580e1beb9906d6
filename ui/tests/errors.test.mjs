// Turning rejections into `{ code, message, field }` and finding the field they name (ui/errors.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseError, errorNamesField, fieldForError } from '../errors.js';

test('backend errors keep their code, message and field', () => {
  assert.deepEqual(normaliseError({ code: 'in_use', message: 'used by dev' }), { code: 'in_use', message: 'used by dev', field: null });
  assert.deepEqual(normaliseError({ code: 'invalid_input', message: 'bad', field: 'region' }), { code: 'invalid_input', message: 'bad', field: 'region' });
});

test('strings, Errors and nothing at all become readable errors', () => {
  assert.deepEqual(normaliseError('command assume not found'), { code: 'error', message: 'command assume not found', field: null });
  assert.equal(normaliseError(new Error('boom')).message, 'boom');
  assert.equal(normaliseError(undefined).message, 'Something went wrong.');
});

test('a qualified field still names its field', () => {
  assert.ok(errorNamesField("role 'x' source", 'source'));
  assert.ok(errorNamesField('role_arn', 'role_arn'));
});

test('field names match whole words, never parts of other names', () => {
  assert.ok(!errorNamesField('session_name', 'name'));
  assert.ok(!errorNamesField('role_arn', 'role'));
  assert.ok(!errorNamesField(null, 'name'));
});

test('the first form field the error names is chosen, or none', () => {
  const fields = ['name', 'role_arn', 'source', 'via', 'session_name'];
  assert.equal(fieldForError({ field: "role 'dev' via" }, fields), 'via');
  assert.equal(fieldForError({ field: 'session_name' }, fields), 'session_name');
  assert.equal(fieldForError({ field: 'profile' }, fields), null);
  assert.equal(fieldForError({ code: 'access_denied' }, fields), null);
});

// Every stable code the backend can send has a sentence that says what to do next.
test('every error code of the core has a sentence in the catalogue', async () => {
  const { readFileSync } = await import('node:fs');
  const en = (await import('../i18n/en.js')).default;
  const rust = readFileSync(new URL('../../src-tauri/core/src/error.rs', import.meta.url), 'utf8');
  const body = rust.slice(rust.indexOf('pub fn code(&self)'), rust.indexOf('pub fn invalid('));
  const codes = [...new Set([...body.matchAll(/=> "([a-z_]+)"/g)].map((m) => m[1]))];
  assert.ok(codes.length > 40, `only ${codes.length} codes read from error.rs`);
  for (const code of [...codes, 'ipc_unavailable']) {
    assert.ok(Object.hasOwn(en, `error.${code}`), `no sentence for ${code}`);
    assert.match(en[`error.${code}`], /(\.|\{message\})$/, `${code}: a whole sentence, ending with a full stop (or the backend's own)`);
  }
});

test('a known code reads as a sentence with the next step; AWS\'s own words go to the details', async () => {
  const { explainError } = await import('../errors.js');
  const said = 'User: arn:aws:iam::1:user/alice is not authorized to perform: sts:AssumeRole';
  const denied = explainError({ code: 'access_denied', message: said });
  assert.match(denied.sentence, /trust policy/);
  assert.equal(denied.details, said);
  const unreachable = explainError({ code: 'sts_unreachable', message: 'cannot reach AWS STS at https://sts.amazonaws.com: timed out' });
  assert.match(unreachable.sentence, /Settings → Network/);
  assert.doesNotMatch(unreachable.sentence, /sts_unreachable/);
  // RoleTray's own words about a field are the sentence itself.
  const invalid = explainError({ code: 'invalid_input', message: 'region: not a region' });
  assert.match(invalid.sentence, /not a region/);
  assert.equal(invalid.details, '');
  // An unknown code keeps the backend's words.
  assert.deepEqual(explainError({ code: 'brand_new', message: 'New thing failed.' }), { sentence: 'New thing failed.', details: '' });
});
