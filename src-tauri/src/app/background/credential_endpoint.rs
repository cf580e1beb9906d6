//! The tray app runs the local credential endpoint while it is open, with
//! its MFA window as the prompt, and publishes it for `export --live`.

use crate::app::state::AppCtx;
use crate::app::window::mfa_prompt::WindowMfa;
use roletray_core::endpoint::{self, Endpoint};
use roletray_core::views::Level;
use std::sync::Arc;
use tauri::{AppHandle, Manager, Runtime};

/// Serves until the app exits; a failure to start is shown in the window.
pub async fn run<R: Runtime>(app: AppHandle<R>) {
    let service = app.state::<AppCtx>().service.clone();
    let started = (|| {
        let deps = service.endpoint_deps()?;
        // Requests go to the app's log: a tray app has no terminal.
        let server = Endpoint::bind(None)?
            .with_log(|r| tracing::info!(target: "roletray_core::endpoint", "{r}"));
        let publication = endpoint::publish(&deps.paths, &server)?;
        Ok::<_, roletray_core::Error>((deps, server, publication))
    })();
    let (deps, server, publication) = match started {
        Ok(parts) => parts,
        Err(e) => {
            let message = format!("the local credential endpoint is not running: {e}");
            service.record(Level::Warning, &message, e.code());
            return;
        }
    };
    service.record(
        Level::Info,
        &format!("local credential endpoint at {}", server.url()),
        "endpoint_started",
    );
    let mfa = Arc::new(WindowMfa::for_app(&app));
    if let Err(e) = server.serve(deps, mfa, std::future::pending()).await {
        service.record(
            Level::Error,
            &format!("the local credential endpoint stopped: {e}"),
            e.code(),
        );
    }
    drop(publication);
}
