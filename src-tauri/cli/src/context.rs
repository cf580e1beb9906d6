//! What every subcommand needs: where files are, and the one service every
//! flow goes through (it opens the keychain only when a command needs it).

use roletray_core::Result;
use roletray_core::config::Config;
use roletray_core::paths::Paths;
use roletray_core::service::Service;
use std::sync::Arc;

pub struct Context {
    pub paths: Paths,
    pub service: Service,
}

impl Context {
    pub fn from_env() -> Result<Context> {
        let paths = Paths::from_env()?;
        Ok(Context {
            service: Service::for_command(paths.clone()),
            paths,
        })
    }

    pub fn config(&self) -> Result<Arc<Config>> {
        self.service.config()
    }
}
