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
