// @ts-check
// Pure: what a key does in the palette. Kept apart from the page so the
// tests read the whole key map.

/** @typedef {import('./types/Shell').Shell} Shell */
/** @typedef {import('./types/PaletteAction').PaletteAction} PaletteAction */

/** The shells of Ctrl+1 … Ctrl+5, in the order the footer names them. */
export const SHELL_KEYS = /** @type {Shell[]} */ (['bash', 'fish', 'powershell', 'cmd', 'dotenv']);

/**
 * @typedef {{ kind: 'move', by: number }
 *   | { kind: 'act', action: PaletteAction, format: Shell | null }
 *   | { kind: 'close' }
 *   | { kind: 'none' }} KeyStep
 */

/**
 * What `event` asks for.
 * @param {{ key: string, ctrlKey: boolean, metaKey: boolean, altKey: boolean }} event
 * @returns {KeyStep}
 */
export function paletteStep(event) {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (key === 'ArrowDown' || (mod && key === 'n')) return { kind: 'move', by: 1 };
  if (key === 'ArrowUp' || (mod && key === 'p')) return { kind: 'move', by: -1 };
  if (key === 'PageDown') return { kind: 'move', by: 5 };
  if (key === 'PageUp') return { kind: 'move', by: -5 };
  if (key === 'Escape') return { kind: 'close' };
  if (key === 'Enter' && !event.altKey) return { kind: 'act', action: 'copy', format: null };
  if (!mod) return { kind: 'none' };
  const shell = SHELL_KEYS[Number(key) - 1];
  if (/^[1-5]$/.test(key) && shell) return { kind: 'act', action: 'copy', format: shell };
  if (key === 'l') return { kind: 'act', action: 'copy_live', format: null };
  if (key === 'o') return { kind: 'act', action: 'console', format: null };
  if (key === 'w') return { kind: 'act', action: 'write_profile', format: null };
  return { kind: 'none' };
}

/** `444455556666` as the console shows it. @param {string} account */
export function dashedAccount(account) {
  return /^\d{12}$/.test(account) ? `${account.slice(0, 4)}-${account.slice(4, 8)}-${account.slice(8)}` : account;
}

/**
 * The name in pieces, matched characters marked (for <mark>).
 * @param {string} name
 * @param {number[]} matches character positions
 * @returns {{ text: string, matched: boolean }[]}
 */
export function nameParts(name, matches) {
  const marked = new Set(matches);
  /** @type {{ text: string, matched: boolean }[]} */
  const parts = [];
  [...name].forEach((ch, i) => {
    const matched = marked.has(i);
    const last = parts[parts.length - 1];
    if (last && last.matched === matched) last.text += ch;
    else parts.push({ text: ch, matched });
  });
  return parts;
}
