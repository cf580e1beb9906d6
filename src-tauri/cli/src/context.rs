//! What every subcommand needs: the one service every flow goes through
//! (it knows where files are, and opens the keychain only when a command
//! needs it).

use roletray_core::Result;
use roletray_core::config::Config;
use roletray_core::paths::Paths;
use roletray_core::service::Service;
use std::sync::Arc;

pub struct Context {
    pub service: Service,
}

impl Context {
    pub fn from_env() -> Result<Context> {
        Ok(Context {
            service: Service::for_command(Paths::from_env()?),
        })
    }

    pub fn config(&self) -> Result<Arc<Config>> {
        self.service.config()
    }
}
