//! The tray process's shared state, as plain data: the one service, the MFA
//! prompts waiting for a window, and where the log files are. It reaches
//! nothing above it; what is shown is built from it (`snapshot`).

use super::confirmations::Confirmations;
use super::mfa_requests::MfaRequests;
use roletray_core::service::Service;
use std::path::PathBuf;
use std::sync::Arc;

pub struct AppCtx {
    pub service: Arc<Service>,
    pub mfa: Arc<MfaRequests>,
    /// Questions asked before a production role is assumed.
    pub confirmations: Arc<Confirmations>,
    /// Where the app's log files are, when it writes them.
    pub log_dir: Option<PathBuf>,
}

impl AppCtx {
    pub fn new(service: Service) -> AppCtx {
        AppCtx {
            service: Arc::new(service),
            mfa: Arc::new(MfaRequests::default()),
            confirmations: Arc::new(Confirmations::default()),
            log_dir: None,
        }
    }

    /// The same, writing its log to files in `dir`.
    pub fn logging_to(mut self, dir: Option<PathBuf>) -> AppCtx {
        self.log_dir = dir;
        self
    }
}
