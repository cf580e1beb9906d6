//! What every subcommand needs: where files are, the configuration, and (only
//! when asked for) the keychain and a session manager.

use roletray_core::Result;
use roletray_core::clock::SystemClock;
use roletray_core::config::Config;
use roletray_core::keychain::Keychain;
use roletray_core::paths::Paths;
use roletray_core::sessions::SessionManager;
use roletray_core::sts::Sts;
use std::sync::Arc;

pub struct Context {
    pub paths: Paths,
}

impl Context {
    pub fn from_env() -> Result<Context> {
        Ok(Context {
            paths: Paths::from_env()?,
        })
    }

    pub fn config(&self) -> Result<Config> {
        Config::load(&self.paths.config_file)
    }

    /// Opens the keychain; only commands that need a secret or a session call this.
    pub fn keychain(&self) -> Result<Keychain> {
        Keychain::platform()
    }

    pub async fn sessions(&self) -> Result<SessionManager> {
        self.sessions_with(self.config()?)
    }

    /// A session manager over a configuration already read.
    pub fn sessions_with(&self, config: Config) -> Result<SessionManager> {
        let config = Arc::new(config);
        let keychain = self.keychain()?;
        Ok(SessionManager::new(
            config,
            keychain,
            Sts::lazy(),
            Arc::new(SystemClock),
            self.paths.lock_dir.clone(),
        ))
    }
}
