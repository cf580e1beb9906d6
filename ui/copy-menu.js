// @ts-check
// The "Copy as" menu button (the WAI-ARIA menu button pattern): one shared menu, opened
// under the button that asked by a click, Enter, Space or Down arrow (Up arrow: on its last
// item), navigated with the arrow keys, Home and End, closed with Escape (focus back on the
// button), Tab (focus on to what follows the button, as if the menu were not there) or a
// click elsewhere.
import { h } from './dom.js';
import { SHELLS } from './format.js';
import { t } from './i18n.js';

let menu = null;
let trigger = null;
let pick = null;

function items() { return [...menu.querySelectorAll('[role="menuitem"]')]; }

function close({ refocus = true } = {}) {
  if (!menu || menu.hidden) return;
  menu.hidden = true;
  trigger?.setAttribute('aria-expanded', 'false');
  if (refocus) trigger?.focus();
  trigger = null;
  pick = null;
}

function build() {
  menu = h('ul', { class: 'menu', role: 'menu', id: 'copy-as-menu', 'aria-label': t('copyMenu.label'), hidden: true },
    SHELLS.map(({ format, label }) => h('li', { role: 'none' },
      h('button', { type: 'button', role: 'menuitem', tabIndex: -1, testid: `copy-as-${format}`, 'data-format': format }, label))));
  menu.addEventListener('click', (event) => {
    const item = event.target.closest('[role="menuitem"]');
    if (!item) return;
    const chosen = pick;
    close();
    chosen?.(item.dataset.format);
  });
  menu.addEventListener('keydown', (event) => {
    const list = items();
    const index = list.indexOf(document.activeElement);
    const next = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: list.length - 1 }[event.key];
    if (next !== undefined) {
      event.preventDefault();
      list[(next + list.length) % list.length].focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'Tab') {
      // The menu sits at the end of <body>: focus the button first, so the browser's own Tab
      // moves on from there (to the next or, with Shift, the previous control of the row).
      close();
    }
  });
  document.addEventListener('pointerdown', (event) => {
    if (!menu.hidden && !menu.contains(event.target) && event.target !== trigger) close({ refocus: false });
  });
  document.body.append(menu);
}

/** Opens the menu under `button`; `onPick(format)` runs with the chosen format. */
export function toggleCopyMenu(button, onPick) {
  if (!menu) build();
  if (!menu.hidden && trigger === button) { close(); return; }
  close({ refocus: false });
  trigger = button;
  pick = onPick;
  button.setAttribute('aria-controls', 'copy-as-menu');
  button.setAttribute('aria-expanded', 'true');
  menu.hidden = false;
  const box = button.getBoundingClientRect();
  const width = menu.offsetWidth;
  const below = box.bottom + 4;
  const fitsBelow = below + menu.offsetHeight <= window.innerHeight - 4;
  menu.style.top = `${fitsBelow ? below : Math.max(4, box.top - menu.offsetHeight - 4)}px`;
  menu.style.left = `${Math.max(4, Math.min(box.right - width, window.innerWidth - width - 4))}px`;
  items()[0].focus();
}

// Down and Up arrows on a closed menu's button open it, on its first or last item.
document.addEventListener('keydown', (event) => {
  const button = /** @type {HTMLElement | null} */ (event.target instanceof Element
    ? event.target.closest('[data-copy-menu]') : null);
  if (!button || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp')) return;
  event.preventDefault();
  if (button.getAttribute('aria-expanded') !== 'true') button.click();
  const list = menu ? items() : [];
  (event.key === 'ArrowUp' ? list[list.length - 1] : list[0])?.focus();
});

// (aria-controls is set when the menu first opens: it must name an element that exists.)
/** Attributes for a button that opens this menu. */
export const COPY_MENU_BUTTON = { 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'data-copy-menu': 'true' };
