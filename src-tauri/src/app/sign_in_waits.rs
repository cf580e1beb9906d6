//! The sign-ins waiting for the person (Identity Center's and AWS
//! Sign-In's), each with what cancels it: the window's Cancel ends the
//! wait, its browser listener closes, nothing is kept.

use roletray_core::{Error, Result};
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::Notify;

/// Which sign-in: sources of the two kinds may share a name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Waiting {
    IdentityCenter(String),
    Console(String),
}

impl Waiting {
    fn name(&self) -> &str {
        match self {
            Waiting::IdentityCenter(n) | Waiting::Console(n) => n,
        }
    }
}

/// The app's waiting sign-ins.
#[derive(Default)]
pub struct SignIns {
    waiting: Mutex<HashMap<Waiting, Arc<Notify>>>,
}

impl SignIns {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Waiting, Arc<Notify>>> {
        self.waiting.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Cancels the sign-in `which`, if one is in progress.
pub fn cancel<R: Runtime>(app: &AppHandle<R>, which: &Waiting) {
    let waiting = app.state::<SignIns>().lock().get(which).cloned();
    tracing::info!(?which, waiting = waiting.is_some(), "sign-in cancel asked");
    if let Some(n) = waiting {
        n.notify_one();
    }
}

/// Runs the sign-in `work` until it ends or [`cancel`] is asked for `which`.
pub async fn cancellable<R: Runtime, T>(
    app: &AppHandle<R>,
    which: Waiting,
    work: impl Future<Output = Result<T>>,
) -> Result<T> {
    let cancelled = Arc::new(Notify::new());
    app.state::<SignIns>()
        .lock()
        .insert(which.clone(), cancelled.clone());
    let result = tokio::select! {
        r = work => r,
        () = cancelled.notified() => Err(Error::Cancelled(format!(
            "the sign-in to {} was cancelled",
            which.name()
        ))),
    };
    app.state::<SignIns>().lock().remove(&which);
    tracing::info!(
        ?which,
        code = result.as_ref().err().map(Error::code),
        "sign-in ended"
    );
    result
}
