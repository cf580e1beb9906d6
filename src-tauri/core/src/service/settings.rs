//! Settings changed through the service: one by its CLI name, or all of
//! the page's form at once. (Reading them is `Service::settings`.)

use super::state::Service;
use crate::config::Config;
use crate::error::Result;
use crate::views::SettingsView;

impl Service {
    /// Sets one setting by its CLI name (`min-ttl`, `default-shell`...).
    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        Config::update(&self.paths.config_file, &self.paths.lock_dir, |c| {
            c.settings.set(key, value)
        })?;
        self.changed();
        Ok(())
    }

    pub fn save_settings(&self, view: &SettingsView) -> Result<()> {
        Config::update(&self.paths.config_file, &self.paths.lock_dir, |c| {
            view.apply_to(&mut c.settings)
        })?;
        self.changed();
        Ok(())
    }
}
