// @ts-check
// The one copy of the backend's Snapshot on this page, plus the clock offset
// between the backend and the local clock (so a skewed local clock does not matter).
import { clockOffsetMs } from './format.js';

let snapshot = null;
let offsetMs = 0;
const subscribers = new Set();

export function getSnapshot() { return snapshot; }

/** The backend's "now", in milliseconds, estimated from the local clock. */
export function backendNowMs() { return Date.now() + offsetMs; }

export function getOffsetMs() { return offsetMs; }

export function isSnapshot(value) {
  return !!value && typeof value === 'object' && Array.isArray(value.roles) && Array.isArray(value.sources);
}

/**
 * Whether `next` may replace `current`: not when it is older. A command's
 * answer can arrive after the event of a later change; its revision (the
 * backend's change count when it was made) is then the lower one.
 */
export function isNewer(next, current) {
  if (!current || typeof current.revision !== 'number' || typeof next.revision !== 'number') return true;
  return next.revision >= current.revision;
}

export function setSnapshot(next) {
  if (!isSnapshot(next) || !isNewer(next, snapshot)) return;
  snapshot = next;
  offsetMs = clockOffsetMs(next.now, Date.now());
  for (const fn of subscribers) fn(snapshot);
}

/** Calls `fn(snapshot)` on every new snapshot; returns an unsubscribe function. */
export function subscribe(fn) {
  subscribers.add(fn);
  return () => subscribers.delete(fn);
}
