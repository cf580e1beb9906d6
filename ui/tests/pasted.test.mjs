// What people are sent, read into form values (ui/pasted.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSwitchRoleLink, parseAccessKeysCsv, nameFrom } from '../pasted.js';

test('a switch-role link fills the role ARN and a name from its display name', () => {
  const link = 'https://signin.aws.amazon.com/switchrole?roleName=OrganizationAccountAccessRole&account=123456789012&displayName=Client%20Prod%20(admin)';
  assert.deepEqual(parseSwitchRoleLink(link), {
    account: '123456789012',
    roleName: 'OrganizationAccountAccessRole',
    displayName: 'Client Prod (admin)',
    roleArn: 'arn:aws:iam::123456789012:role/OrganizationAccountAccessRole',
    name: 'Client-Prod-admin',
  });
});

test('a role path, the other partitions, parameters after #, and no display name', () => {
  const cn = parseSwitchRoleLink('https://signin.amazonaws.cn/switchrole#account=123456789012&roleName=team/dev');
  assert.equal(cn?.roleArn, 'arn:aws-cn:iam::123456789012:role/team/dev');
  assert.equal(cn?.name, 'dev');
  assert.equal(cn?.displayName, null);
  const gov = parseSwitchRoleLink(' https://signin.amazonaws-us-gov.com/switchrole/?account=123456789012&roleName=ops ');
  assert.equal(gov?.roleArn, 'arn:aws-us-gov:iam::123456789012:role/ops');
});

test('anything else is not a switch-role link', () => {
  for (const text of [
    'arn:aws:iam::123456789012:role/dev',
    'https://evil.example/switchrole?account=123456789012&roleName=dev',
    'http://signin.aws.amazon.com/switchrole?account=123456789012&roleName=dev',
    'https://signin.aws.amazon.com/console',
    'https://signin.aws.amazon.com/switchrole?account=123456789012',
    '',
  ]) assert.equal(parseSwitchRoleLink(text), null, text);
});

test('names made from display names follow the name rules', () => {
  assert.equal(nameFrom('  --My role: prod  '), 'My-role-prod');
  assert.equal(nameFrom('x'.repeat(80)).length, 64);
});

test('the console access key file gives its key pair', () => {
  const file = '\uFEFFAccess key ID,Secret access key\r\nAKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\n';
  assert.deepEqual(parseAccessKeysCsv(file), {
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  });
  const older = 'User name,Password,Access key ID,Secret access key,Console login link\n"me",,AKIAIOSFODNN7EXAMPLE,"wJalr,XUtn",https://x\n';
  assert.deepEqual(parseAccessKeysCsv(older), { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalr,XUtn' });
});

test('other files are refused with a reason, and the secret is never in it', () => {
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  for (const [text, words] of [
    ['', 'no key'],
    ['name,value\nAKIAIOSFODNN7EXAMPLE,' + secret, 'not an access key file'],
    [`Access key ID,Secret access key\nA,${secret}\nB,${secret}`, 'more than one'],
    ['Access key ID,Secret access key\nAKIAIOSFODNN7EXAMPLE,', 'missing'],
  ]) {
    const got = parseAccessKeysCsv(text);
    assert.ok('error' in got, text);
    assert.match(got.error, new RegExp(words));
    assert.ok(!got.error.includes(secret));
  }
});
