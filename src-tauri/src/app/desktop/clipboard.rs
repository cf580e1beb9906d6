//! Copying secrets: done here, in the backend, never in the page.
//!
//! - What RoleTray copies carries the hint clipboard managers honour to keep
//!   it out of their history (`x-kde-passwordManagerHint: secret` on X11 and
//!   Wayland, arboard's `exclude_from_history`).
//! - It is cleared after the configured delay, measured on the wall clock (a
//!   laptop that slept past the deadline clears it as soon as it wakes), if
//!   the clipboard still holds it, or if the clipboard cannot be read back
//!   (better an empty clipboard than a secret left behind).
//! - It is cleared when RoleTray quits, if still there.
//!
//! Only a digest of the copied text is kept, never the text.

use roletray_core::{Error, Result, Sensitive};
use sha2::{Digest, Sha256};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};
use tauri::{AppHandle, Manager, Runtime};

/// How often a pending clear looks at the wall clock.
const TICK: Duration = Duration::from_secs(15);

/// The app's clipboard: one arboard handle (on X11 it serves the selection,
/// so it lives as long as the app) and the digest of what we put there last.
#[derive(Default)]
pub struct SecretClipboard {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    clipboard: Option<arboard::Clipboard>,
    ours: Option<Vec<u8>>,
}

fn digest(text: &str) -> Vec<u8> {
    Sha256::digest(text.as_bytes()).to_vec()
}

fn failed(what: &str, e: impl std::fmt::Display) -> Error {
    Error::io(what, std::io::Error::other(e.to_string()))
}

impl Inner {
    fn clipboard(&mut self) -> Result<&mut arboard::Clipboard> {
        if self.clipboard.is_none() {
            let made =
                arboard::Clipboard::new().map_err(|e| failed("cannot open the clipboard", e))?;
            self.clipboard = Some(made);
        }
        self.clipboard
            .as_mut()
            .ok_or_else(|| failed("cannot open the clipboard", "no clipboard"))
    }

    /// Clears the clipboard when it still holds `hash` (or cannot be read).
    fn clear_if_ours(&mut self, hash: &[u8]) -> Result<bool> {
        let clipboard = self.clipboard()?;
        let still_ours = match clipboard.get_text() {
            Ok(text) => digest(Sensitive::new(text).expose()) == hash,
            // Unreadable (empty, another format, a dead owner): clear anyway.
            Err(arboard::Error::ContentNotAvailable) => false,
            Err(_) => true,
        };
        if still_ours {
            clipboard
                .clear()
                .map_err(|e| failed("cannot clear the clipboard", e))?;
        }
        if self.ours.as_deref() == Some(hash) {
            self.ours = None;
        }
        Ok(still_ours)
    }
}

impl SecretClipboard {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Puts `text` on the clipboard, out of clipboard managers' history.
    fn put(&self, text: &Sensitive<String>) -> Result<Vec<u8>> {
        let mut inner = self.lock();
        let set = inner.clipboard()?.set();
        #[cfg(target_os = "linux")]
        let set = {
            use arboard::SetExtLinux;
            set.exclude_from_history()
        };
        set.text(text.expose().as_str())
            .map_err(|e| failed("cannot write to the clipboard", e))?;
        let hash = digest(text.expose());
        inner.ours = Some(hash.clone());
        Ok(hash)
    }

    /// On quit: what we copied does not outlive the app.
    pub fn clear_on_quit(&self) {
        let mut inner = self.lock();
        if let Some(hash) = inner.ours.clone()
            && let Err(e) = inner.clear_if_ours(&hash)
        {
            tracing::warn!("cannot clear the clipboard on quit: {e}");
        }
    }
}

/// Puts `text` on the clipboard; schedules clearing it after `clear_after`
/// seconds of wall-clock time (0 = never).
pub fn copy_secret<R: Runtime>(
    app: &AppHandle<R>,
    text: &Sensitive<String>,
    clear_after: u32,
) -> Result<()> {
    let clipboard = app.state::<Arc<SecretClipboard>>().inner().clone();
    let hash = clipboard.put(text)?;
    if clear_after > 0 {
        let deadline = SystemTime::now() + Duration::from_secs(u64::from(clear_after));
        tauri::async_runtime::spawn(async move {
            while let Ok(left) = deadline.duration_since(SystemTime::now()) {
                tokio::time::sleep(left.min(TICK)).await;
            }
            // A newer copy makes this one find something else and do nothing.
            if let Err(e) = clipboard.lock().clear_if_ours(&hash) {
                tracing::warn!("cannot clear the clipboard: {e}");
            }
        });
    }
    Ok(())
}
