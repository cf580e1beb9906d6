// DEV ONLY: a fake window.__TAURI__ with an in-memory backend, for dev/preview.html.
// The real index.html never loads this. Query flags:
//   scenario=empty      start with no source, role or activity
//   roles=N             add N generated roles (volume check)
//   skew=S              the backend clock runs S seconds ahead of this page's clock
//   fail=COMMAND        that command rejects with an error (e.g. fail=assume)
//   delay=MS            each command takes MS milliseconds (default 150)
//   names=long          the sample roles and sources get long names, as IAM Identity Center's
//                       (corp/111122223333/Developer), to check that rows and the header reflow
//   active=NAME         that sample role is the active one (by its short name: active=prod shows the
//                       production band)
//   extras=1            every section filled: an Identity Center source waiting for a code, a
//                       console sign-in, key facts with a reminder, a log file, the no-tray notice
(() => {
  const params = new URLSearchParams(location.search);
  const longNames = params.get('names') === 'long';
  const extras = params.get('extras') === '1';
  // A sample role's or source's name, long under names=long.
  const LONG = {
    dev: 'corp/111122223333/DeveloperRW', prod: 'corp/444455556666/AdministratorAccess', staging: 'corp/210987654321/DeployPipeline',
    'client-vendor': 'client-vendor-readonly-cross-account', audit: 'corp/999988887777/SecurityAudit',
    alice: 'alice.longname-at-corporate-identity', ops: 'operations-automation-break-glass',
  };
  const n = (name) => (longNames ? LONG[name] ?? name : name);
  const skewMs = Number(params.get('skew') ?? 0) * 1000;
  const delay = Number(params.get('delay') ?? 150);
  const backendNow = () => Date.now() + skewMs;
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  const ago = (s) => iso(backendNow() - s * 1000);
  const ACCOUNT = '123456789012';
  const err = (code, message, field) => ({ code, message, ...(field ? { field } : {}) });

  function role(name, extra = {}) {
    return {
      name, role_arn: `arn:aws:iam::${extra.account ?? ACCOUNT}:role/${extra.arnName ?? name}`, source: n('alice'), via: null,
      external_id: null, session_name: null, duration_seconds: 3600, mfa_serial: null, region: 'eu-west-1',
      favourite: false, mfa_command: null, environment: null, colour: null, asks_first: false, session: null, sso: null, signin: null, identity_center: null, ...extra,
    };
  }
  function session(r, secondsLeft, verified = true) {
    const arn = `arn:aws:sts::${r.role_arn.split(':')[4]}:assumed-role/${r.role_arn.split('/').pop()}/roletray-alice`;
    return { assumed_role_arn: arn, verified_arn: verified ? arn : null, expiration: iso(backendNow() + secondsLeft * 1000) };
  }

  const network = { proxy: 'system', bypass: '', ca_bundle: '', has_password: false };

  const settings = {
    default_shell: 'bash', notify_before_seconds: 600, auto_renew: false, clipboard_clear_seconds: 60,
    min_ttl_seconds: 300, start_at_login: false, mfa_session_seconds: 43200,
  };
  let state = { active_role: null, roles: [], sources: [], settings, activity: [] };
  if (params.get('scenario') !== 'empty') {
    const dev = role(n('dev'), { favourite: true });
    const prod = role(n('prod'), { account: '444455556666', arnName: 'admin', source: null, via: n('dev'), mfa_serial: null,
      environment: 'production', colour: 'red', asks_first: true });
    const staging = role(n('staging'), { account: '210987654321', arnName: 'deploy', region: 'us-east-1', environment: 'staging', colour: 'orange' });
    const client = role(n('client-vendor'), { account: '777788889999', arnName: 'vendor-readonly', external_id: 'abc-123' });
    const audit = role(n('audit'), { account: '999988887777', arnName: 'SecurityAudit', source: n('ops'), region: null, duration_seconds: 43200 });
    dev.session = session(dev, 3552);
    staging.session = session(staging, 412, false);
    prod.session = session(prod, -30);
    state = {
      active_role: n('dev'),
      roles: [dev, prod, staging, client, audit],
      sources: [
        { name: n('alice'), access_key_id_masked: 'AKIA…MPLE', mfa_serial: `arn:aws:iam::${ACCOUNT}:mfa/alice`, mfa_command: 'ykman oath accounts code --single aws-alice', region: 'eu-west-1', roles: [] },
        { name: n('ops'), access_key_id_masked: 'AKIA…7Q2X', mfa_serial: null, mfa_command: null, region: null, roles: [] },
      ],
      settings,
      activity: [
        { seq: 3, at: ago(60), level: 'info', code: 'assumed', message: `Assumed ${n('dev')} until 09:00 (cached).` },
        { seq: 2, at: ago(240), level: 'error', code: 'access_denied', message: 'User alice is not authorized to perform sts:AssumeRole on arn:aws:iam::777788889999:role/vendor-readonly.' },
        { seq: 1, at: ago(600), level: 'warning', code: 'expiring', message: `${n('staging')} expires in 7 minutes.` },
      ],
    };
  }
  if (params.get('active') && state.roles.length) state.active_role = n(params.get('active'));
  if (extras && state.sources.length) {
    state.roles.push(role('corp/111122223333/ReadOnlyAccess', { source: null, arnName: 'AWSReservedSSO_ReadOnlyAccess_0123456789abcdef',
      sso: { source: 'corp', account_id: ACCOUNT, account_name: 'Development', role_name: 'ReadOnlyAccess' } }));
    state.sources[0].key = { summary: 'key made 412 days ago · last used 2 h ago by sts in eu-west-1',
      reminders: ['its key is 412 days old (rotate after 90)'], rotate_answers: true, read_at: ago(30) };
    state.sso_sources = [
      { name: n('corp'), start_url: 'https://d-1234567890.awsapps.com/start', region: 'eu-west-1', signed_in: true,
        sign_in_ends: iso(backendNow() + 8 * 3600e3), accounts: 3, roles: 7, listed_at: ago(120), pending: null, progress: null },
      { name: 'partner-portal', start_url: 'https://partner-identity.awsapps.com/start', region: 'us-east-1', signed_in: false,
        sign_in_ends: null, accounts: 0, roles: 0, listed_at: null,
        pending: { url: 'https://device.sso.us-east-1.amazonaws.com/?user_code=WDQK-PZHV', user_code: 'WDQK-PZHV' }, progress: null },
    ];
    state.signin_sources = [
      { name: 'console', region: 'eu-west-1', signed_in: true, identity_arn: `arn:aws:iam::${ACCOUNT}:user/alice`, sign_in_ends: iso(backendNow() + 11 * 3600e3) },
    ];
    state.log_file = '/home/alice/.local/share/roletray/logs/roletray.2026-12-05.log';
    state.desktop_notice = 'This desktop shows no tray icon: this window is the way in. Closing it keeps RoleTray running.';
  }
  for (let i = 0; i < Number(params.get('roles') ?? 0); i++) {
    state.roles.push(role(`team-${String(i).padStart(4, '0')}`, { account: String(100000000000 + i * 7919), arnName: `app-${i % 37}-reader` }));
  }

  // Every fake snapshot counts as a new revision (the fake has no events
  // that could race its answers).
  let revision = 0;
  function snapshot() {
    revision += 1;
    for (const s of state.sources) s.roles = state.roles.filter((r) => r.source === s.name).map((r) => r.name);
    const copy = structuredClone({ revision, now: iso(backendNow()), ...state });
    for (const r of copy.roles) {
      if (r.session) r.session.seconds_left = Math.max(0, Math.floor((Date.parse(r.session.expiration) - backendNow()) / 1000));
    }
    // In the order the real backend sends: favourites first, names as people
    // read them; errors first, then warnings, newest first.
    copy.roles.sort((a, b) => (Number(b.favourite) - Number(a.favourite))
      || a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' }));
    const rank = { error: 0, warning: 1, info: 2 };
    copy.activity.sort((a, b) => (rank[a.level] - rank[b.level]) || (Date.parse(b.at) - Date.parse(a.at)));
    return copy;
  }
  const find = (name) => state.roles.find((r) => r.name === name) ?? (() => { throw err('not_found', `No role named '${name}'.`, 'role'); })();

  const RULES = {
    role_arn: [/^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,64}$/, 'A role ARN looks like arn:aws:iam::123456789012:role/NAME.'],
    session_name: [/^[\w+=,.@-]{2,64}$/, 'A session name has 2 to 64 letters, digits or +=,.@_-.'],
    external_id: [/^[\w+=,.@:/-]{2,1224}$/, 'An external ID has 2 to 1224 letters, digits or +=,.@:/_-.'],
    duration: [/^\d+$/, 'The duration is a whole number of seconds.'],
    mfa_serial: [/^(arn:aws[\w-]*:iam::\d{12}:mfa\/[\w+=,.@/-]+|[A-Z0-9]{9,})$/, 'An MFA device is an ARN like arn:aws:iam::123456789012:mfa/you.'],
    region: [/^[a-z]{2}(-[a-z]+)+-\d$/, 'A region looks like eu-west-1.'],
    name: [/^[A-Za-z0-9_.-]{1,64}$/, 'A name has letters, digits, dots, dashes or underscores.'],
    profile: [/^[A-Za-z0-9_.-]{1,64}$/, 'A profile name has letters, digits, dots, dashes or underscores.'],
    access_key_id: [/^(AKIA|ASIA)[A-Z0-9]{16}$/, 'An access key ID is 20 characters starting with AKIA.'],
  };
  function check(field, value) {
    const rule = RULES[field];
    if (!rule || value == null || value === '') return null;
    if (!rule[0].test(String(value))) return err('invalid_input', rule[1], field);
    if (field === 'duration' && (value < 900 || value > 43200)) return err('invalid_input', 'The duration is 900 to 43200 seconds.', field);
    return null;
  }
  const must = (field, value) => { const e = check(field, value); if (e) throw e; };

  const commands = {
    snapshot: () => snapshot(),
    assume({ role: name }) {
      const r = find(name);
      if (params.get('fail') === 'assume') throw err('access_denied', `User alice is not authorized to perform sts:AssumeRole on ${r.role_arn}.`);
      if (!r.session || Date.parse(r.session.expiration) < backendNow() + settings.min_ttl_seconds * 1000) r.session = session(r, r.duration_seconds ?? 3600);
      state.active_role = name;
      return snapshot();
    },
    renew({ role: name }) { const r = find(name); r.session = session(r, r.duration_seconds ?? 3600); return snapshot(); },
    end_session({ role: name }) { find(name).session = null; if (state.active_role === name) state.active_role = null; return snapshot(); },
    copy_exports: () => null,
    copy_live_exports: () => null,
    open_console: () => null,
    open_log: () => null,
    forget_mfa_session: () => snapshot(),
    import_preview: () => ({ config_file: '/home/alice/.aws/config', credentials_file: '/home/alice/.aws/credentials',
      role_profiles: 2, key_pairs: 1, sso_sources: 0, signin_sources: 0, skipped: 0 }),
    sso_refresh: () => snapshot(),
    sso_sign_out({ name }) { Object.assign(state.sso_sources.find((x) => x.name === name), { signed_in: false, sign_in_ends: null }); return snapshot(); },
    sso_cancel_sign_in({ name }) { state.sso_sources.find((x) => x.name === name).pending = null; return null; },
    sso_favourite({ role: name, favourite }) { find(name).favourite = favourite; return snapshot(); },
    write_profile({ role: name, profile }) {
      find(name); must('profile', profile);
      return { path: '/home/alice/.aws/credentials', backed_up: true };
    },
    reset_endpoint_tokens: () => snapshot(),
    remove_imported_keys: ({ names }) => ({ snapshot: snapshot(), report: names.map((name) => ({ kind: 'source', name, outcome: 'keys removed from /home/alice/.aws/credentials', removable: false })) }),
    restore_credentials: () => ({ path: '/home/alice/.aws/credentials', bytes: 412 }),
    add_source({ name, access_key_id: accessKeyId, secret_access_key: secretAccessKey, mfa_serial: mfaSerial, region }) {
      if (!name) throw err('invalid_input', 'A source needs a name.', 'name');
      must('name', name); must('access_key_id', accessKeyId); must('mfa_serial', mfaSerial); must('region', region);
      if (!secretAccessKey || secretAccessKey.length !== 40) throw err('invalid_input', 'A secret access key is 40 characters.', 'secret_access_key');
      if (state.sources.some((s) => s.name === name)) throw err('already_exists', `A source named '${name}' exists.`, 'name');
      state.sources.push({ name, access_key_id_masked: `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`, mfa_serial: mfaSerial, mfa_command: null, region, roles: [] });
      return snapshot();
    },
    update_source({ name, mfa_serial: mfaSerial, region }) {
      must('mfa_serial', mfaSerial); must('region', region);
      Object.assign(state.sources.find((s) => s.name === name), { mfa_serial: mfaSerial, region });
      return snapshot();
    },
    rotate_source_key({ name, access_key_id: accessKeyId }) {
      must('access_key_id', accessKeyId);
      state.sources.find((s) => s.name === name).access_key_id_masked = `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`;
      return snapshot();
    },
    rotate_source({ name }) {
      const source = state.sources.find((s) => s.name === name);
      source.access_key_id_masked = 'AKIA…NEW1';
      source.key = { summary: 'key made today · never used', reminders: [], read_at: new Date().toISOString() };
      return snapshot();
    },
    check_source({ name }) {
      state.sources.find((s) => s.name === name).key = { summary: 'key made 412 days ago · last used 2 h ago by sts in eu-west-1', reminders: ['its key is 412 days old (rotate after 90)'], read_at: new Date().toISOString() };
      return snapshot();
    },
    remove_source({ name }) {
      const users = state.roles.filter((r) => r.source === name).map((r) => r.name);
      if (users.length) throw err('in_use', `Source '${name}' is used by ${users.join(', ')}; remove or move those roles first.`);
      state.sources = state.sources.filter((s) => s.name !== name);
      return snapshot();
    },
    save_role({ name, role: r, replace }) {
      if (!name) throw err('invalid_input', 'A role needs a name.', 'name');
      must('name', name); must('role_arn', r.role_arn); must('external_id', r.external_id); must('session_name', r.session_name);
      must('duration', r.duration_seconds); must('mfa_serial', r.mfa_serial); must('region', r.region);
      if (!r.source && !r.via) throw err('invalid_input', `Role '${name}' needs a source or a role to chain through.`, `role '${name}' source`);
      const existing = state.roles.findIndex((x) => x.name === name);
      if (existing >= 0 && !replace) throw err('already_exists', `A role named '${name}' exists.`, 'name');
      const saved = role(name, {
        role_arn: r.role_arn, source: r.source, via: r.via, external_id: r.external_id, session_name: r.session_name,
        duration_seconds: r.duration_seconds ?? 3600, mfa_serial: r.mfa_serial, region: r.region, favourite: r.favourite,
        session: existing >= 0 ? state.roles[existing].session : null,
      });
      if (existing >= 0) state.roles[existing] = saved; else state.roles.push(saved);
      return snapshot();
    },
    remove_role({ name }) { state.roles = state.roles.filter((r) => r.name !== name); return snapshot(); },
    import_aws() {
      if (!state.roles.some((r) => r.name === 'sandbox')) state.roles.push(role('sandbox', { account: '333344445555', arnName: 'sandbox-admin' }));
      return {
        snapshot: snapshot(),
        report: [
          { kind: 'source', name: 'default', outcome: 'unchanged', removable: true },
          { kind: 'role', name: 'sandbox', outcome: 'added', removable: false },
          { kind: 'role', name: 'dev', outcome: 'updated', removable: false },
          { kind: 'role', name: 'legacy', outcome: 'skipped: uses credential_source = Ec2InstanceMetadata', removable: false },
        ],
      };
    },
    validate_field: ({ field, value }) => check(field, field === 'duration' && /^\d+$/.test(value) ? Number(value) : value),
    save_settings({ settings: next }) { Object.assign(settings, next); return snapshot(); },
    clear_activity({ up_to } = {}) { state.activity = state.activity.filter((e) => up_to != null && e.seq > up_to); return snapshot(); },
    network_settings: () => ({ ...network }),
    save_network({ network: next, password }) {
      Object.assign(network, next, { has_password: network.has_password || !!password });
      return { ...network };
    },
    network_check: () => ({
      https_proxy: network.proxy === 'system' || network.proxy === 'none' ? null : { value: network.proxy, from: 'Settings → Network' },
      http_proxy: null,
      bypass: ['localhost', '127.0.0.0/8', '::1'],
      bypass_from: [],
      ca_files: network.ca_bundle ? [{ value: network.ca_bundle, from: 'Settings → Network' }] : [],
      notes: [],
      problem: null,
      probes: [
        { what: 'AWS STS (eu-west-1)', url: 'https://sts.eu-west-1.amazonaws.com', proxy: null, status: 302, problem: null, millis: 84 },
        { what: 'Console sign-in (federation)', url: 'https://signin.aws.amazon.com/federation', proxy: null, status: null, millis: 3,
          problem: { code: 'host_not_found', message: 'signin.aws.amazon.com does not resolve on this network, and no proxy was used: check the connection, or, if AWS is reached through a proxy here, set it in Settings → Network or HTTPS_PROXY' } },
      ],
    }),
    submit_mfa({ code }) {
      if (!/^\d{6}$/.test(code)) throw err('invalid_input', 'An MFA code is 6 digits.', 'mfa_code');
      if (code === '000000') throw err('invalid_mfa_code', 'AWS did not accept this code; wait for the next one.', 'mfa_code');
      return null;
    },
    cancel_mfa: () => null,
    answer_confirm: () => null,
    palette_search({ query }) {
      const q = String(query ?? '').trim().toLowerCase();
      return state.roles.filter((r) => !q || r.name.toLowerCase().includes(q)).map((r) => ({
        role: { name: r.name, account_id: r.role_arn.split(':')[4] ?? null, account_name: r.sso?.account_name ?? null,
          environment: r.environment, colour: r.colour, source: r.source, favourite: r.favourite,
          live: !!r.session, active: r.name === state.active_role, asks_first: r.asks_first },
        name_matches: q && r.name.toLowerCase().includes(q)
          ? Array.from({ length: q.length }, (_, i) => r.name.toLowerCase().indexOf(q) + i) : [],
      }));
    },
    // As the backend: a role that asks first is not acted on until answered
    // (live lines make no session, so they never ask).
    palette_act({ role, action, answered }) {
      const asks = state.roles.find((r) => r.name === role)?.asks_first && action !== 'copy_live';
      return asks && !answered ? 'ask' : 'done';
    },
    close_palette: () => null,
    yubikey_accounts: () => [
      { name: 'Amazon Web Services:me@123456789012', command: "ykman oath accounts code --single 'Amazon Web Services:me@123456789012'" },
    ],
  };

  const listeners = new Map();
  function emit() {
    for (const handler of listeners.get('roletray://state') ?? []) handler({ event: 'roletray://state', payload: snapshot() });
  }
  window.__TAURI__ = {
    core: {
      invoke(command, args = {}) {
        console.debug('[fake-tauri] invoke', command, JSON.stringify(args));
        return new Promise((resolve, reject) => setTimeout(() => {
          try {
            if (!commands[command]) throw `command ${command} not found`;
            if (params.get('fail') === command && command !== 'assume') throw err('sts_unreachable', 'Could not reach STS (sts.eu-west-1.amazonaws.com): connection timed out.');
            const result = commands[command](args);
            resolve(result);
            if (!['snapshot', 'validate_field', 'copy_exports', 'submit_mfa', 'cancel_mfa', 'answer_confirm', 'yubikey_accounts'].includes(command)) setTimeout(emit, 0);
          } catch (e) { reject(e); }
        }, command === 'validate_field' ? 20 : delay));
      },
    },
    event: {
      async listen(name, handler) {
        if (!listeners.has(name)) listeners.set(name, new Set());
        listeners.get(name).add(handler);
        return () => listeners.get(name).delete(handler);
      },
    },
  };
})();
