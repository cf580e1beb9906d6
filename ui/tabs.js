// @ts-check
// The tab bar (WAI-ARIA tabs): click or arrow keys switch views; one tab is in the tab order.

let tabs = [];

export function selectTab(name, { focus = false } = {}) {
  for (const tab of tabs) {
    const selected = tab.dataset.view === name;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    const panel = document.getElementById(tab.getAttribute('aria-controls') ?? '');
    if (panel) panel.hidden = !selected;
    if (selected && focus) tab.focus();
  }
  document.dispatchEvent(new CustomEvent('roletray:view', { detail: name }));
}

export function currentTab() {
  return tabs.find((t) => t.getAttribute('aria-selected') === 'true')?.dataset.view ?? null;
}

export function initTabs(tablist) {
  tabs = [...tablist.querySelectorAll('[role="tab"]')];
  tablist.addEventListener('click', (event) => {
    const tab = event.target.closest('[role="tab"]');
    if (tab) selectTab(tab.dataset.view);
  });
  tablist.addEventListener('keydown', (event) => {
    const index = tabs.indexOf(document.activeElement);
    if (index < 0) return;
    const next = {
      ArrowRight: (index + 1) % tabs.length,
      ArrowLeft: (index - 1 + tabs.length) % tabs.length,
      Home: 0,
      End: tabs.length - 1,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    selectTab(tabs[next].dataset.view, { focus: true });
  });
  selectTab(tabs[0].dataset.view);
}
