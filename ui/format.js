// @ts-check
// Pure formatting: countdowns, clocks, durations, messages.
// No DOM here, so Node's test runner can import it. Words come from the catalogue (i18n.js).
import { t, formatTime, formatDateTime } from './i18n.js';

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
  if (seconds <= 0) return t('countdown.expired');
  const s = Math.floor(seconds);
  if (s < 3600) return `${Math.floor(s / 60)}:${pad2(s % 60)}`;
  return t('countdown.hours', { h: Math.floor(s / 3600), mm: pad2(Math.floor((s % 3600) / 60)) });
}

/** A sentence for screen readers and tooltips: "59 min 12 s left". */
export function describeCountdown(seconds) {
  if (seconds == null || !Number.isFinite(seconds)) return t('countdown.unknown');
  if (seconds <= 0) return t('countdown.expired');
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  const unit = (key, count) => t(key, { count });
  const parts = h ? [unit('unit.h', h), unit('unit.min', m)] : m ? [unit('unit.min', m), unit('unit.s', s)] : [unit('unit.s', s)];
  return t('countdown.left', { time: parts.join(' ') });
}

/**
 * What a screen reader says for a countdown, in whole words and minutes so it does not
 * change every second: "59 minutes left", "1 hour 5 minutes left", "40 seconds left".
 */
export function spokenCountdown(seconds) {
  if (seconds == null || !Number.isFinite(seconds)) return t('countdown.unknown');
  if (seconds <= 0) return t('countdown.expired');
  const words = (count, unit) => t(`spoken.${unit}`, { count });
  if (seconds < 60) return t('countdown.left', { time: words(Math.floor(seconds), 'seconds') });
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const parts = [h ? words(h, 'hours') : null, m ? words(m, 'minutes') : null].filter(Boolean);
  return t('countdown.left', { time: parts.join(' ') });
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
  if (s < 60) return t('unit.s', { count: s });
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (!h) return t('unit.min', { count: m });
  return m ? `${t('unit.h', { count: h })} ${t('unit.min', { count: m })}` : t('unit.h', { count: h });
}

/** Activity time in local time, in the person's format: the time (with seconds) today, date and time another day. */
export function formatActivityTime(iso, nowIso) {
  const at = new Date(iso);
  if (!Number.isFinite(at.getTime())) return '';
  const now = new Date(nowIso ?? Date.now());
  const sameDay = at.getFullYear() === now.getFullYear()
    && at.getMonth() === now.getMonth() && at.getDate() === now.getDate();
  return sameDay ? formatTime(at, { seconds: true }) : formatDateTime(at);
}

export const SHELLS = [
  { format: 'bash', label: t('shell.bashZsh') },
  { format: 'fish', label: 'fish' },
  { format: 'powershell', label: t('shell.powershell') },
  { format: 'cmd', label: 'cmd' },
  { format: 'dotenv', label: 'dotenv' },
];

const SHELL_NAMES = { bash: 'bash', zsh: 'zsh', fish: 'fish', powershell: 'PowerShell', cmd: 'cmd', dotenv: 'dotenv' };

export function shellName(format) {
  return SHELL_NAMES[format] ?? String(format ?? 'bash');
}

/** The toast after copy_exports: "Copied fish export lines · clipboard clears in 60 s". */
export function copiedMessage(format, clipboardClearSeconds) {
  const shell = shellName(format);
  return clipboardClearSeconds > 0
    ? t('toast.copiedClears', { shell, duration: formatDuration(clipboardClearSeconds) })
    : t('toast.copied', { shell });
}

/** The toast after copy_live_exports: "Copied live bash export lines · clipboard clears in 1 min". */
export function copiedLiveMessage(format, clipboardClearSeconds) {
  const shell = shellName(format);
  return clipboardClearSeconds > 0
    ? t('toast.copiedLiveClears', { shell, duration: formatDuration(clipboardClearSeconds) })
    : t('toast.copiedLive', { shell });
}

/**
 * The toast after write_profile.
 * @param {string} profile
 * @param {Partial<import('./contract.js').ProfileWritten>} [written]
 */
export function profileWrittenMessage(profile, { path, backed_up } = {}) {
  const base = path ? t('toast.profileWrittenTo', { profile, path }) : t('toast.profileWritten', { profile });
  // The first write keeps the original: say where the button that brings it back is.
  return backed_up ? t('toast.profileBackedUp', { written: base }) : base;
}

/** The MFA window sends the code without the spaces people paste ("123 456"). */
export function normaliseMfaCode(code) {
  return String(code ?? '').replace(/\s+/g, '');
}
