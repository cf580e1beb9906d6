//! The request to stop a headless process (`roletray serve`): SIGINT or
//! SIGTERM on Unix, Ctrl-C (and Ctrl-Break, closing the console) on Windows.

use crate::error::{Error, Result};
use std::future::Future;

/// A future that resolves when the process is asked to stop. The handlers
/// are installed now, before the future is first polled, so a signal that
/// arrives right after start-up is not missed.
#[cfg(unix)]
pub fn termination() -> Result<impl Future<Output = ()> + Send> {
    use tokio::signal::unix::{SignalKind, signal};
    let install = |kind| signal(kind).map_err(|e| Error::io("cannot install a signal handler", e));
    let mut interrupt = install(SignalKind::interrupt())?;
    let mut terminate = install(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
    })
}

/// A future that resolves on Ctrl-C, Ctrl-Break or the console closing.
#[cfg(windows)]
pub fn termination() -> Result<impl Future<Output = ()> + Send> {
    use tokio::signal::windows::{ctrl_break, ctrl_c, ctrl_close};
    let failed = |e| Error::io("cannot install a Ctrl-C handler", e);
    let mut interrupt = ctrl_c().map_err(failed)?;
    let mut brk = ctrl_break().map_err(failed)?;
    let mut close = ctrl_close().map_err(failed)?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = brk.recv() => {}
            _ = close.recv() => {}
        }
    })
}
