// @ts-check
// What people are sent or given, read into form values: the console's
// switch-role link, and the access key CSV file the console offers when a
// key is created. Pure functions (unit-tested in tests/pasted.test.mjs).
import { t } from './i18n.js';

/** The sign-in hosts of each partition, and the partition's ARN prefix. */
const SIGNIN_PARTITIONS = /** @type {Record<string, string>} */ ({
  'signin.aws.amazon.com': 'aws',
  'signin.amazonaws.cn': 'aws-cn',
  'signin.amazonaws-us-gov.com': 'aws-us-gov',
});

/**
 * A role name RoleTray accepts (letters, digits and . _ -, starting with a
 * letter or digit, 64 at most), made from a display name.
 * @param {string} text
 */
export function nameFrom(text) {
  const name = text.trim().replace(/\s+/g, '-').replace(/[^A-Za-z0-9._-]/g, '').replace(/^[^A-Za-z0-9]+/, '');
  return name.slice(0, 64);
}

/**
 * The role a console switch-role link points at
 * (`https://signin.aws.amazon.com/switchrole?account=…&roleName=…&displayName=…`),
 * or null when `text` is not such a link.
 * @param {string} text
 * @returns {{ account: string, roleName: string, displayName: string | null, roleArn: string, name: string } | null}
 */
export function parseSwitchRoleLink(text) {
  let url;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  const partition = SIGNIN_PARTITIONS[url.hostname];
  if (url.protocol !== 'https:' || !partition || !/\/switchrole\/?$/i.test(url.pathname)) return null;
  // The console also puts the parameters after a '#'.
  const params = url.searchParams.has('account') ? url.searchParams : new URLSearchParams(url.hash.slice(1));
  const account = (params.get('account') ?? '').trim();
  const roleName = (params.get('roleName') ?? '').trim().replace(/^\/+/, '');
  if (!account || !roleName) return null;
  const displayName = params.get('displayName')?.trim() || null;
  return {
    account,
    roleName,
    displayName,
    roleArn: `arn:${partition}:iam::${account}:role/${roleName}`,
    name: nameFrom(displayName ?? roleName.split('/').pop() ?? roleName),
  };
}

/**
 * Splits one CSV line (RFC 4180 quoting).
 * @param {string} line
 */
function csvCells(line) {
  /** @type {string[]} */
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cell += '"'; i += 1; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { cells.push(cell); cell = ''; } else cell += c;
  }
  cells.push(cell);
  return cells.map((s) => s.trim());
}

/**
 * The key pair in an `*_accessKeys.csv` file from the AWS console (a header
 * `Access key ID,Secret access key`, then one row), or an error a person
 * understands. The file's text never leaves the page but as the form's values.
 * @param {string} text
 * @returns {{ accessKeyId: string, secretAccessKey: string } | { error: string }}
 */
export function parseAccessKeysCsv(text) {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length < 2) return { error: t('keyFile.empty') };
  const header = csvCells(lines[0]).map((h) => h.toLowerCase());
  const idColumn = header.indexOf('access key id');
  const secretColumn = header.indexOf('secret access key');
  if (idColumn < 0 || secretColumn < 0) {
    return { error: t('keyFile.notKeyFile') };
  }
  if (lines.length > 2) return { error: t('keyFile.manyKeys') };
  const row = csvCells(lines[1]);
  const accessKeyId = row[idColumn] ?? '';
  const secretAccessKey = row[secretColumn] ?? '';
  if (!accessKeyId || !secretAccessKey) return { error: t('keyFile.missing') };
  return { accessKeyId, secretAccessKey };
}
