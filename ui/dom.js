// @ts-check
// Small DOM helpers: building elements, keyed lists that update in place, focus keeping.

/**
 * h('button', { class: 'x', testid: 'renew', 'aria-label': 'Renew dev', on: { click } }, 'Renew')
 * Keys: class, text, testid, on, hidden, dataset-like `data-*`/`aria-*` (attributes),
 * anything else is set as a property when the element has it, else as an attribute.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'testid') el.dataset.testid = value;
    else if (key === 'on') for (const [type, fn] of Object.entries(value)) el.addEventListener(type, fn);
    else if (key.startsWith('data-') || key.startsWith('aria-') || key === 'role' || key === 'for') el.setAttribute(key, value === true ? '' : value);
    else if (key in el) el[key] = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces an element's children. */
export function setChildren(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** Where the focus is inside `root`, as a row key plus a test id, so it can be found again. */
function focusAnchor(root) {
  const active = document.activeElement;
  if (!active || active === document.body || !root.contains(active)) return null;
  const row = /** @type {HTMLElement | null} */ (active.closest('[data-key]'));
  const rows = [...root.querySelectorAll('[data-key]')];
  const el = /** @type {HTMLElement} */ (active);
  return { key: row?.dataset.key ?? null, index: row ? rows.indexOf(row) : -1, testid: el.dataset.testid ?? null, el };
}

/** Back to the same control; if its row is gone, to the row now in its place; else to the panel. */
function restoreFocus(root, anchor) {
  if (!anchor || (anchor.el.isConnected && document.activeElement === anchor.el)) return;
  const rows = [...root.querySelectorAll('[data-key]')];
  const row = anchor.key == null ? root
    : rows.find((r) => r.dataset.key === anchor.key) ?? rows[Math.min(anchor.index, rows.length - 1)];
  const target = (anchor.testid && row?.querySelector(`[data-testid="${anchor.testid}"]`))
    || row?.querySelector('button, input, select, [tabindex]')
    || root.closest('[role="tabpanel"]');
  target?.focus({ preventScroll: true });
  if (target && document.activeElement !== target) root.closest('[role="tabpanel"]')?.focus({ preventScroll: true });
}

/** Runs `change()` and puts the focus back on the same control if the change moved or rebuilt it. */
export function keepingFocus(root, change) {
  const anchor = focusAnchor(root);
  change();
  restoreFocus(root, anchor);
}

/**
 * A list whose rows are kept by key: a row is rebuilt only when its signature
 * changes, and the DOM is touched only where the order differs.
 * `build(item)` returns `{ el, ...anything }`; the record is kept in `rows`.
 */
export function keyedList(listEl, build) {
  const rows = new Map();
  function update(items) {
    keepingFocus(listEl, () => {
      const seen = new Set();
      items.forEach((item, index) => {
        seen.add(item.key);
        let row = rows.get(item.key);
        if (!row || row.sig !== item.sig) {
          const fresh = { ...build(item), sig: item.sig, key: item.key };
          fresh.el.dataset.key = item.key;
          if (row) row.el.replaceWith(fresh.el);
          rows.set(item.key, (row = fresh));
        }
        if (listEl.children[index] !== row.el) listEl.insertBefore(row.el, listEl.children[index] ?? null);
      });
      for (const [key, row] of rows) {
        if (!seen.has(key)) { row.el.remove(); rows.delete(key); }
      }
    });
  }
  return { rows, update };
}

/**
 * Remembers the focused control; the returned function focuses it again, or, if its row
 * was rebuilt meanwhile, the control with the same test id in the row with the same key.
 */
export function rememberFocus(el = /** @type {HTMLElement | null} */ (document.activeElement)) {
  const panel = el?.closest?.('[role="tabpanel"]');
  const key = /** @type {HTMLElement | null | undefined} */ (el?.closest?.('[data-key]'))?.dataset.key;
  const testid = el?.dataset?.testid;
  return () => {
    /** @type {HTMLElement | null | undefined} */
    let target = el?.isConnected ? el : null;
    if (!target && panel && key != null && testid) {
      const rows = /** @type {HTMLElement[]} */ ([...panel.querySelectorAll('[data-key]')]);
      const row = rows.find((r) => r.dataset.key === key);
      target = row?.querySelector(`[data-testid="${testid}"]`);
    }
    target?.focus();
  };
}

/** Calls `fn` at most once per `ms`, with the latest arguments. */
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
