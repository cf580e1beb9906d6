// Runs inside the page (page.evaluate(layoutProblems, options)): what a person would see as
// broken layout, in words. Text is measured per line fragment (Range.getClientRects), seen
// through every ancestor that clips it (overflow other than visible) and the viewport.
//  - sideways scrolling: the page or any scroll container wider than its box;
//  - overlap: two text fragments or controls (buttons, fields) drawn over each other;
//  - cut text: text or a control clipped sideways, unless the clipping element ends it in
//    "…" (text-overflow: ellipsis) and carries the whole text in its title;
//  - a name squeezed: a role's or source's name (and the header's active role) shows at
//    least 120 px of itself, or all of it when shorter;
//  - out of reach (the small windows, `window: true`): text above the top of the page, or a
//    page taller than the window that cannot scroll.
// A sticky footer (a long form's buttons) covers what scrolls under it, by design: text
// under it is not counted as overlapping it. Overlays are measured on their own: an open modal dialog alone (the page behind is inert),
// the Copy-as menu apart from the rows it covers; the toast is left out.

/** @param {{ window?: boolean }} [options] */
export function layoutProblems({ window: smallWindow = false } = {}) {
  const problems = [];
  const vw = document.documentElement.clientWidth;
  const describe = (/** @type {Element} */ el) => {
    const id = el.id ? `#${el.id}` : '';
    const testid = el.closest('[data-testid]')?.getAttribute('data-testid');
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    return `${el.tagName.toLowerCase()}${id}${cls}${testid ? ` in [${testid}]` : ''}`;
  };

  if (document.documentElement.scrollWidth > vw + 1) {
    problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px wide in ${vw} px)`);
  }
  for (const el of document.querySelectorAll('body *')) {
    if (el.matches('input, select, textarea, .visually-hidden, .visually-hidden *')) continue;
    const style = getComputedStyle(el);
    if (!['auto', 'scroll'].includes(style.overflowX)) continue;
    if (el.scrollWidth > el.clientWidth + 1 && el.checkVisibility()) {
      problems.push(`${describe(el)} scrolls sideways (${el.scrollWidth} px of content in ${el.clientWidth} px)`);
    }
  }

  const openDialog = document.querySelector('dialog[open]');
  const menu = document.querySelector('.menu:not([hidden])');
  const overlays = ['.toast', '.menu', 'dialog'];
  const scopes = openDialog ? [openDialog] : [document.body, ...(menu ? [menu] : [])];

  /** The rectangle of `el`'s ancestors that clip it (and the viewport, sideways). */
  const clipCache = new Map();
  function clipOf(/** @type {Element | null} */ el) {
    if (!el || el === document.documentElement) return { left: 0, right: vw, top: -Infinity, bottom: Infinity, by: null, ellipsis: false };
    if (clipCache.has(el)) return clipCache.get(el);
    const parent = clipOf(el.parentElement);
    const style = getComputedStyle(el);
    let clip = parent;
    if (style.overflowX !== 'visible' || style.overflowY !== 'visible' || style.position === 'fixed') {
      const box = el.getBoundingClientRect();
      const x = style.overflowX !== 'visible';
      const y = style.overflowY !== 'visible';
      clip = {
        left: x ? Math.max(parent.left, box.left) : parent.left,
        right: x ? Math.min(parent.right, box.right) : parent.right,
        top: y ? Math.max(parent.top, box.top) : parent.top,
        bottom: y ? Math.min(parent.bottom, box.bottom) : parent.bottom,
        by: x ? el : parent.by,
        ellipsis: x ? style.textOverflow === 'ellipsis' : parent.ellipsis,
      };
      // A fixed overlay is drawn over the page, not inside its scroll containers.
      if (style.position === 'fixed') Object.assign(clip, { left: 0, right: vw, top: -Infinity, bottom: Infinity, by: null, ellipsis: false });
    }
    clipCache.set(el, clip);
    return clip;
  }

  /** The sticky element `el` is in, if any. */
  const stickyCache = new Map();
  function stickyOf(/** @type {Element | null} */ el) {
    if (!el || el === document.body) return null;
    if (stickyCache.has(el)) return stickyCache.get(el);
    const found = getComputedStyle(el).position === 'sticky' ? el : stickyOf(el.parentElement);
    stickyCache.set(el, found);
    return found;
  }

  for (const scope of scopes) {
    /** @type {{ rect: DOMRect, seen: { left: number, right: number, top: number, bottom: number }, el: Element, what: string, source: Node }[]} */
    const items = [];
    const inOtherOverlay = (/** @type {Element} */ el) => overlays.some((sel) => {
      const overlay = el.closest(sel);
      return overlay && overlay !== scope && (scope === document.body || !scope.contains(overlay));
    });
    const add = (/** @type {Element} */ el, /** @type {DOMRect} */ rect, /** @type {string} */ what, /** @type {Node} */ source = el) => {
      if (rect.width < 1 || rect.height < 1) return;
      const clip = clipOf(el);
      const seen = { left: Math.max(rect.left, clip.left), right: Math.min(rect.right, clip.right),
        top: Math.max(rect.top, clip.top), bottom: Math.min(rect.bottom, clip.bottom) };
      if (seen.bottom - seen.top < 1) return; // scrolled out of view, up or down: reachable
      if (seen.right - seen.left < rect.width - 1) {
        const by = clip.by;
        const titled = by && (by.getAttribute('title') ?? '').includes((el.textContent ?? '').trim().slice(0, 40));
        if (!(clip.ellipsis && titled) || /^(BUTTON|INPUT|SELECT|TEXTAREA)$/.test(el.tagName)) {
          problems.push(`${what} of ${describe(el)} is cut sideways (${Math.round(seen.right - seen.left)} of ${Math.round(rect.width)} px shown${by ? `, by ${describe(by)}` : ''}${clip.ellipsis ? ', with … but without the whole text in its title' : ''})`);
        }
      }
      if (seen.right - seen.left < 1) return;
      items.push({ rect, seen, el, what, source });
    };
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent?.trim()) continue;
      if (parent.closest('button, select, option, datalist, script, style, .visually-hidden, [hidden]')) continue;
      if (inOtherOverlay(parent) || !parent.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) add(parent, rect, `"${node.textContent.trim().slice(0, 30)}"`, node);
    }
    for (const el of scope.querySelectorAll('button, input:not([type="hidden"]), select, textarea')) {
      if (inOtherOverlay(el) || el.closest('.visually-hidden') || !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      add(el, el.getBoundingClientRect(), `the ${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || el.id).trim().slice(0, 30)}"`);
    }
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i];
        const b = items[j];
        // One text's own fragments (an ellipsis is a fragment of its own) are not two texts.
        if (a.source === b.source) continue;
        if (stickyOf(a.el) !== stickyOf(b.el)) continue;
        const w = Math.min(a.seen.right, b.seen.right) - Math.max(a.seen.left, b.seen.left);
        const hgt = Math.min(a.seen.bottom, b.seen.bottom) - Math.max(a.seen.top, b.seen.top);
        if (w > 1 && hgt > 1) problems.push(`${a.what} (${describe(a.el)}) overlaps ${b.what} (${describe(b.el)})`);
      }
    }
    if (smallWindow) {
      for (const item of items) {
        if (item.rect.top + window.scrollY < -1) problems.push(`${item.what} of ${describe(item.el)} is above the top of the window, out of reach`);
      }
    }
  }
  for (const el of document.querySelectorAll('.role-name, .status-text, .palette-name')) {
    if (!el.checkVisibility() || el.closest('.visually-hidden')) continue;
    const range = document.createRange();
    range.selectNodeContents(el);
    const full = range.getBoundingClientRect().width;
    const shown = Math.min(el.getBoundingClientRect().width, full);
    if (full > 0 && shown < Math.min(full, 120) - 1) problems.push(`the name "${el.textContent}" is squeezed to ${Math.round(shown)} px in ${describe(el)}`);
  }
  if (smallWindow && document.documentElement.scrollHeight > window.innerHeight + 1) {
    const hidden = [document.documentElement, document.body].some((el) => ['hidden', 'clip'].includes(getComputedStyle(el).overflowY));
    if (hidden) problems.push(`the window's content is ${document.documentElement.scrollHeight} px tall in ${window.innerHeight} px and cannot scroll`);
  }
  return [...new Set(problems)];
}
