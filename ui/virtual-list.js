// @ts-check
// A list that builds and shows only the rows in view once it is long. A row with its buttons
// costs the browser a fraction of a millisecond to build and lay out; five thousand of them
// made the first render take most of a second and a keystroke that brought them back a
// third of one. So:
// - up to `threshold` items (20) every row is in the DOM, in order (Ctrl+F, tests, no surprises);
// - beyond, only the rows in the scroller's view plus `overscan` rows either side are; two
//   spacers stand for the rest, sized from the heights of rows already seen.
// Rendered rows are real, focusable <li>s with aria-setsize/aria-posinset, so screen readers
// tell "12 of 5,000". The focused row and `overscan` rows either side of it are always in the
// DOM, so Tab and Shift+Tab walk the whole list; the focus scrolls the list, which brings the
// next rows in. Built rows are kept by key and reused until their `sig` changes.
import { keepingFocus } from './dom.js';

const GAP_FALLBACK = 6;

/** @typedef {{ key: string, sig: string } & Record<string, any>} Item */

/**
 * @param {HTMLElement} listEl the <ul>/<ol>
 * @param {(item: any) => { el: HTMLElement } & Record<string, any>} build
 * @param {{ scroller: () => HTMLElement | null, threshold?: number, overscan?: number, estimate?: number,
 *   onShow?: (row: any) => void }} options
 */
export function virtualList(listEl, build, { scroller, threshold = 20, overscan = 6, estimate = 56, onShow }) {
  /** Built rows by key (shown or not). */
  const built = new Map();
  /** Rows in the DOM now, by key. */
  const shown = new Map();
  /** Measured heights by key. */
  const heights = new Map();
  let measuredSum = 0;
  /** @type {Item[]} */
  let items = [];
  let lastWidth = 0;
  const top = spacer();
  const bottom = spacer();

  function spacer() {
    const el = document.createElement('li');
    el.className = 'virtual-spacer';
    el.setAttribute('aria-hidden', 'true');
    el.setAttribute('role', 'none');
    return el;
  }

  function rowFor(item) {
    let row = built.get(item.key);
    if (!row || row.sig !== item.sig) {
      row = { ...build(item), sig: item.sig, key: item.key };
      row.el.dataset.key = item.key;
      const old = built.get(item.key);
      if (old?.el.isConnected) old.el.replaceWith(row.el);
      built.set(item.key, row);
    }
    return row;
  }

  const heightOf = (key) => heights.get(key) ?? (heights.size ? measuredSum / heights.size : estimate);

  /** Which items to show: all, or the window around the scroller's view (and the focused row). */
  function windowRange() {
    if (items.length <= threshold) return { from: 0, to: items.length, gap: 0 };
    const box = scroller();
    const gap = parseFloat(getComputedStyle(listEl).rowGap) || GAP_FALLBACK;
    let viewTop = 0;
    let viewHeight = 800;
    if (box) {
      viewTop = box.getBoundingClientRect().top - listEl.getBoundingClientRect().top;
      viewHeight = box.clientHeight || viewHeight;
    }
    let from = 0;
    let y = 0;
    while (from < items.length && y + heightOf(items[from].key) + gap <= viewTop) { y += heightOf(items[from].key) + gap; from++; }
    let to = from;
    while (to < items.length && y < viewTop + viewHeight) { y += heightOf(items[to].key) + gap; to++; }
    from = Math.max(0, from - overscan);
    to = Math.min(items.length, to + overscan);
    // Scrolled to the bottom: the last rows, whatever the estimates of the rows above say
    // (estimated and real heights differ, and the end must be reachable).
    if (box && box.scrollTop > 0 && box.scrollTop + box.clientHeight >= box.scrollHeight - 2) {
      to = items.length;
      from = Math.min(from, Math.max(0, to - Math.ceil(viewHeight / Math.max(1, heightOf(items[to - 1].key))) - 2 * overscan));
    }
    // The focused row stays, with `overscan` rows either side: Tab and Shift+Tab always find
    // the next row in the DOM, however far the estimated heights are off.
    const focused = /** @type {HTMLElement | null} */ (document.activeElement?.closest?.('[data-key]') ?? null);
    if (focused && listEl.contains(focused)) {
      const at = items.findIndex((i) => i.key === focused.dataset.key);
      if (at >= 0) {
        from = Math.min(from, Math.max(0, at - overscan));
        to = Math.max(to, Math.min(items.length, at + overscan + 1));
      }
    }
    return { from, to, gap };
  }

  /** The height the spacer for items [a, b) stands for (its own gap follows it in the flex column). */
  function spanHeight(a, b, gap) {
    let sum = 0;
    for (let i = a; i < b; i++) sum += heightOf(items[i].key) + gap;
    return Math.max(0, sum - gap);
  }

  function render(again = false) {
    const { from, to, gap } = windowRange();
    keepingFocus(listEl, () => {
      const rows = [];
      for (let i = from; i < to; i++) {
        const row = rowFor(items[i]);
        row.el.setAttribute('aria-setsize', String(items.length));
        row.el.setAttribute('aria-posinset', String(i + 1));
        rows.push(row);
      }
      const keys = new Set(rows.map((r) => r.key));
      for (const [key, row] of shown) if (!keys.has(key)) { row.el.remove(); shown.delete(key); }
      const children = [];
      if (from > 0) { top.style.height = `${spanHeight(0, from, gap)}px`; children.push(top); } else top.remove();
      for (const row of rows) children.push(row.el);
      if (to < items.length) { bottom.style.height = `${spanHeight(to, items.length, gap)}px`; children.push(bottom); } else bottom.remove();
      children.forEach((el, index) => {
        if (listEl.children[index] !== el) listEl.insertBefore(el, listEl.children[index] ?? null);
      });
      // A row new to the view, or rebuilt in place (its item changed: a renewed session),
      // is the one shown from now on, and is painted at once.
      for (const row of rows) {
        if (shown.get(row.key) !== row) { shown.set(row.key, row); onShow?.(row); }
      }
    });
    // What was measured corrects the estimates: one more pass puts the window where the
    // view really is (once, so that it always ends).
    if (items.length > threshold && measure(shown.values()) && !again) render(true);
  }

  /** Learns the heights of the rows now shown (one layout of a few dozen rows). */
  function measure(rows) {
    let changed = false;
    for (const row of rows) {
      const height = row.el.offsetHeight;
      if (!height) continue;
      const old = heights.get(row.key);
      if (old === height) continue;
      measuredSum += height - (old ?? 0);
      heights.set(row.key, height);
      changed = true;
    }
    return changed;
  }

  /**
   * Shows `next` (already filtered and ordered). `all`, when given, is every key that
   * may come back (the unfiltered list): built rows of other keys are let go.
   * @param {Item[]} next
   * @param {Set<string>} [all]
   */
  function update(next, all) {
    items = next;
    if (all) {
      for (const key of built.keys()) {
        if (all.has(key)) continue;
        built.delete(key);
        measuredSum -= heights.get(key) ?? 0;
        heights.delete(key);
      }
    }
    render();
  }

  function onScroll() { if (items.length > threshold) render(); }

  let observed = null;
  /** Follows the scroller: scrolling and resizing bring other rows in. */
  function attach() {
    const box = scroller();
    if (!box || observed === box) return;
    observed = box;
    box.addEventListener('scroll', onScroll, { passive: true });
    // A Tab into a row brings its neighbours in at once, before the scroll it causes.
    listEl.addEventListener('focusin', onScroll);
    new ResizeObserver(() => {
      // Rows wrap differently at another width: what was measured no longer holds.
      if (box.clientWidth !== lastWidth) { lastWidth = box.clientWidth; heights.clear(); measuredSum = 0; }
      onScroll();
    }).observe(box);
  }

  return {
    /** @param {Item[]} next @param {Set<string>} [all] */
    update(next, all) { attach(); update(next, all); },
    render,
    /** Rows in the DOM now (what the countdown tick updates). */
    shown,
    /** Every item's key, shown or not. */
    get size() { return items.length; },
    /** Scrolls item `index` into the window and returns its row. */
    reveal(index) {
      const item = items[index];
      if (!item) return null;
      if (!shown.has(item.key)) {
        const box = scroller();
        if (box) box.scrollTop += (listEl.getBoundingClientRect().top - box.getBoundingClientRect().top) + spanHeight(0, index, parseFloat(getComputedStyle(listEl).rowGap) || GAP_FALLBACK);
        render();
      }
      return shown.get(item.key) ?? null;
    },
  };
}
