// @ts-check
// The pseudo-locale: every catalogue string accented and about 40 % longer, in brackets.
// Text that stays plain English on the page was not taken from the catalogue; a label
// cut short loses its closing bracket. Placeholders ({name}) are kept as they are.

const ACCENTED = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'í', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ö', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'ú', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Å', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Í', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ',
  N: 'Ñ', O: 'Ö', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Û', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

/** One string in the pseudo-locale: "Renew {name}" → "[Ŕéñéŵ {name} ·····]". */
export function pseudoString(text) {
  // Split on placeholders so that {name} survives; everything else is accented.
  const parts = String(text).split(/(\{\w+\})/);
  const accented = parts.map((p) => (/^\{\w+\}$/.test(p) ? p : p.replace(/[A-Za-z]/g, (c) => ACCENTED[c] ?? c))).join('');
  const letters = String(text).replace(/\{\w+\}/g, '').length;
  const padding = '·'.repeat(Math.max(1, Math.ceil(letters * 0.4)));
  return `[${accented} ${padding}]`;
}

/**
 * The whole catalogue in the pseudo-locale (plural forms each transformed).
 * @param {Record<string, string | Record<string, string>>} catalogue
 */
export function pseudoCatalogue(catalogue) {
  /** @type {Record<string, string | Record<string, string>>} */
  const out = {};
  for (const [key, value] of Object.entries(catalogue)) {
    out[key] = typeof value === 'string'
      ? pseudoString(value)
      : Object.fromEntries(Object.entries(value).map(([form, text]) => [form, pseudoString(text)]));
  }
  return out;
}
