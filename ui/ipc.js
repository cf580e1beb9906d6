// The only module that touches window.__TAURI__ (Tauri's withGlobalTauri).
// Everything else talks to the backend through these two functions.

function tauri() {
  const api = globalThis.window?.__TAURI__;
  if (!api) throw { code: 'ipc_unavailable', message: 'RoleTray backend is not reachable from this page.' };
  return api;
}

/** Calls a backend command; the promise rejects with `{ code, message, field? }`. */
export function invoke(command, args = {}) {
  try {
    return tauri().core.invoke(command, args);
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Listens to a backend event; resolves to an unlisten function. */
export function listen(event, handler) {
  try {
    return tauri().event.listen(event, (e) => handler(e.payload));
  } catch (error) {
    return Promise.reject(error);
  }
}
