//! The end of a headless endpoint: SIGINT or SIGTERM (Ctrl-C elsewhere).

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

/// A future that resolves on Ctrl-C.
#[cfg(not(unix))]
pub fn termination() -> Result<impl Future<Output = ()> + Send> {
    Ok(async {
        // Without a handler the process ends on Ctrl-C anyway.
        tokio::signal::ctrl_c().await.ok();
    })
}
