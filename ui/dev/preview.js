// DEV ONLY: loads the real page's markup and module into this page, after fake-tauri.js.
// Flags (besides fake-tauri.js's): page=mfa (the MFA window; pass request, role, serial too),
// page=confirm (the question before a production role; pass request, role, account, environment, colour),
// page=palette (the quick-switch palette),
// steps=STEP|STEP|... done in order once the page has settled, each `click:TARGET`,
// `type:TARGET~TEXT` or `key:TARGET~KEY`; TARGET is a data-testid or a CSS selector
// (URL-encode '#' as %23), e.g. steps=click:tab-roles|click:role-add|type:%23role-form-roleArn~arn:x
// locale=pseudo shows the page in the pseudo-locale (read by i18n.js from this page's URL).
const params = new URLSearchParams(location.search);
const pages = {
  mfa: { html: '../mfa.html', module: '../mfa.js' },
  confirm: { html: '../confirm.html', module: '../confirm.js' },
  palette: { html: '../palette.html', module: '../palette.js' },
  main: { html: '../index.html', module: '../app.js' },
};
const page = pages[params.get('page') ?? 'main'] ?? pages.main;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// A bare word is a data-testid; anything else is a CSS selector.
const find = (s) => (/^[\w-]+$/.test(s) ? document.querySelector(`[data-testid="${s}"]`) : document.querySelector(s));

async function load() {
  const text = await (await fetch(page.html)).text();
  const doc = new DOMParser().parseFromString(text, 'text/html');
  for (const link of doc.querySelectorAll('link[rel="stylesheet"]')) {
    const copy = document.createElement('link');
    copy.rel = 'stylesheet';
    copy.href = new URL(link.getAttribute('href'), new URL(page.html, location.href)).href;
    document.head.append(copy);
  }
  document.title = doc.title;
  for (const node of doc.body.querySelectorAll('script')) node.remove();
  document.body.className = doc.body.className;
  if (doc.body.id) document.body.id = doc.body.id;
  document.body.replaceChildren(...[...doc.body.childNodes].map((n) => document.importNode(n, true)));
  await import(page.module);
  // The page's module has run (its listeners are there): what the browser tests wait for.
  document.documentElement.dataset.previewLoaded = 'true';
  await sleep(400);
  for (const step of (params.get('steps') ?? '').split('|').filter(Boolean)) {
    const [, action, target, text] = step.match(/^(click|type|key):([^~]+)(?:~(.*))?$/) ?? [];
    const el = action && find(target);
    if (!el) { console.warn('[preview] cannot do', step); continue; }
    el.focus();
    if (action === 'click') el.click();
    if (action === 'type') { el.value = text ?? ''; el.dispatchEvent(new Event('input', { bubbles: true })); }
    if (action === 'key') el.dispatchEvent(new KeyboardEvent('keydown', { key: text, bubbles: true }));
    await sleep(300);
  }
}

load();
