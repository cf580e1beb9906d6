// The page's command list (ui/contract.js) is the backend's: the commands
// src-tauri/build.rs declares, each granted to the window that uses it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { COMMANDS } from '../contract.js';

const root = new URL('../../', import.meta.url);
const read = (path) => readFileSync(new URL(path, root), 'utf8');

test('the contract names every command the backend declares, and no other', () => {
  const build = read('src-tauri/build.rs');
  const list = build.slice(build.indexOf('const COMMANDS'), build.indexOf('];'));
  const declared = [...list.matchAll(/"([a-z_]+)"/g)].map((m) => m[1]);
  assert.ok(declared.length > 10, 'build.rs lists the commands');
  assert.deepEqual([...COMMANDS].sort(), [...declared].sort());
});

test('each command is granted to a window, under its permission name', () => {
  const granted = ['main', 'mfa', 'confirm', 'palette'].flatMap((w) => JSON.parse(read(`src-tauri/capabilities/${w}.json`)).permissions)
    .filter((p) => p.startsWith('allow-'))
    .map((p) => p.slice('allow-'.length).replaceAll('-', '_'));
  assert.deepEqual([...COMMANDS].sort(), [...granted].sort());
});
