// @ts-check
// Pure formatting: countdowns, clocks, durations, messages.
// No DOM here, so Node's test runner can import it.

const pad2 = (n) => String(n).padStart(2, '0');

/** Milliseconds to add to the local clock to get the backend's clock. */
export function clockOffsetMs(snapshotNowIso, localNowMs) {
  const backendNow = Date.parse(snapshotNowIso);
  return Number.isFinite(backendNow) ? backendNow - localNowMs : 0;
}

/** Whole seconds from the backend's "now" (local clock + offset) until `iso`; null if unparsable. */
export function secondsUntil(iso, offsetMs, localNowMs) {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return null;
  return Math.floor((at - (localNowMs + offsetMs)) / 1000);
}

/** "59:12" under an hour, "1 h 05 min" from an hour on, "expired" at or below zero. */
export function formatCountdown(seconds) {
  if (seconds == null || !Number.isFinite(seconds)) return '—';
  if (seconds <= 0) return 'expired';
  const s = Math.floor(seconds);
  if (s < 3600) return `${Math.floor(s / 60)}:${pad2(s % 60)}`;
  return `${Math.floor(s / 3600)} h ${pad2(Math.floor((s % 3600) / 60))} min`;
}

/** A sentence for screen readers and tooltips: "59 min 12 s left". */
export function describeCountdown(seconds) {
  if (seconds == null || !Number.isFinite(seconds)) return 'time left unknown';
  if (seconds <= 0) return 'expired';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  const parts = h ? [`${h} h`, `${m} min`] : m ? [`${m} min`, `${s} s`] : [`${s} s`];
  return `${parts.join(' ')} left`;
}

/** 'expired' at or below zero, 'soon' within the warning window, else 'ok'. */
export function countdownLevel(seconds, notifyBeforeSeconds) {
  if (seconds == null || !Number.isFinite(seconds)) return 'ok';
  if (seconds <= 0) return 'expired';
  if (seconds <= (notifyBeforeSeconds ?? 0)) return 'soon';
  return 'ok';
}

/** A length of time for humans: "45 s", "15 min", "1 h", "1 h 30 min". */
export function formatDuration(seconds) {
  if (seconds == null || !Number.isFinite(seconds)) return '';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (!h) return `${m} min`;
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** Activity time in local time: "07:59:02" today, "2026-11-24 18:03" another day. */
export function formatActivityTime(iso, nowIso) {
  const at = new Date(iso);
  if (!Number.isFinite(at.getTime())) return '';
  const now = new Date(nowIso ?? Date.now());
  const sameDay = at.getFullYear() === now.getFullYear()
    && at.getMonth() === now.getMonth() && at.getDate() === now.getDate();
  const hm = `${pad2(at.getHours())}:${pad2(at.getMinutes())}`;
  if (sameDay) return `${hm}:${pad2(at.getSeconds())}`;
  return `${at.getFullYear()}-${pad2(at.getMonth() + 1)}-${pad2(at.getDate())} ${hm}`;
}

export const SHELLS = [
  { format: 'bash', label: 'bash / zsh' },
  { format: 'fish', label: 'fish' },
  { format: 'powershell', label: 'PowerShell' },
  { format: 'cmd', label: 'cmd' },
  { format: 'dotenv', label: 'dotenv' },
];

const SHELL_NAMES = { bash: 'bash', zsh: 'zsh', fish: 'fish', powershell: 'PowerShell', cmd: 'cmd', dotenv: 'dotenv' };

export function shellName(format) {
  return SHELL_NAMES[format] ?? String(format ?? 'bash');
}

/** The toast after copy_exports: "Copied fish export lines · clipboard clears in 60 s". */
export function copiedMessage(format, clipboardClearSeconds) {
  const base = `Copied ${shellName(format)} export lines`;
  return clipboardClearSeconds > 0 ? `${base} · clipboard clears in ${formatDuration(clipboardClearSeconds)}` : base;
}

/**
 * The toast after write_profile.
 * @param {string} profile
 * @param {Partial<import('./contract.js').ProfileWritten>} [written]
 */
export function profileWrittenMessage(profile, { path, backed_up } = {}) {
  const where = path ? ` to ${path}` : '';
  const base = `Wrote profile [${profile}]${where}`;
  return backed_up ? `${base} (its original is kept in the keychain: roletray restore-credentials)` : base;
}

/** The MFA window sends the code without the spaces people paste ("123 456"). */
export function normaliseMfaCode(code) {
  return String(code ?? '').replace(/\s+/g, '');
}
