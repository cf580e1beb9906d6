//! The Network settings put into force for every call, the proxy password
//! kept in the keychain, and the network check: what RoleTray would use and
//! whether each AWS endpoint it uses can be reached that way.

use super::state::Service;
use crate::config::Config;
use crate::error::Result;
use crate::model::Settings;
use crate::net::check::{Endpoint, NetworkReport};
use crate::net::choice::ProxyChoice;
use crate::net::{self, NetSettings};
use crate::secret::Sensitive;
use crate::views::NetworkView;
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

/// At most this many STS regions are tried by a check.
const STS_REGIONS_TRIED: usize = 4;
/// How long a proxy password read from the keychain is used before it is
/// read again (another RoleTray process may have changed it).
const PASSWORD_REREAD: Duration = Duration::from_secs(30);

impl Service {
    /// Puts the Network part of `settings` into force (the next call gets a
    /// new client when it changed). The proxy's password is read from the
    /// keychain, again after it is set and at most every [`PASSWORD_REREAD`].
    pub(super) fn apply_network(&self, settings: &Settings) {
        let password = match &settings.proxy {
            ProxyChoice::Own(url) if url.user().is_some() => self.proxy_password_once(),
            _ => None,
        };
        net::use_settings(NetSettings {
            proxy: settings.proxy.clone(),
            bypass: settings.proxy_bypass.clone(),
            ca_bundle: settings.ca_bundle.clone(),
            password,
        });
    }

    fn proxy_password_once(&self) -> Option<Sensitive<String>> {
        let mut slot = self
            .proxy_password
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if let Some((read_at, known)) = slot.as_ref()
            && read_at.elapsed() < PASSWORD_REREAD
        {
            return known.clone();
        }
        let read = self.keychain().and_then(|k| k.proxy_password());
        let password = read.unwrap_or_else(|e| {
            tracing::warn!(code = e.code(), "the proxy password cannot be read: {e}");
            None
        });
        *slot = Some((Instant::now(), password.clone()));
        password
    }

    /// Keeps `password` (or, given none, removes it) as the Network
    /// settings' proxy password, and uses it from the next call on.
    pub fn set_proxy_password(&self, password: Option<&Sensitive<String>>) -> Result<()> {
        let keychain = self.keychain()?;
        match password {
            Some(p) => keychain.set_proxy_password(p)?,
            None => keychain.delete_proxy_password()?,
        }
        *self
            .proxy_password
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = Some((Instant::now(), password.cloned()));
        self.apply_network(&self.settings());
        self.changed();
        Ok(())
    }

    /// Whether a proxy password is kept (never the password itself).
    pub fn has_proxy_password(&self) -> bool {
        self.proxy_password_once().is_some()
    }

    /// The Network settings as the page shows them.
    pub fn network_view(&self) -> NetworkView {
        let s = self.settings();
        NetworkView {
            proxy: s.proxy.as_text(),
            bypass: s.proxy_bypass.join(", "),
            ca_bundle: s.ca_bundle.clone().unwrap_or_default(),
            has_password: matches!(&s.proxy, ProxyChoice::Own(u) if u.user().is_some())
                && self.has_proxy_password(),
        }
    }

    /// Saves the page's Network settings through the same checks as
    /// `config set`; an error names the page's field. `password`: none
    /// keeps the kept one, an empty one removes it.
    pub fn save_network(
        &self,
        view: &NetworkView,
        password: Option<&Sensitive<String>>,
    ) -> Result<()> {
        let fields = [
            ("proxy", "proxy", view.proxy.as_str()),
            ("proxy-bypass", "bypass", view.bypass.as_str()),
            ("ca-bundle", "ca_bundle", view.ca_bundle.as_str()),
        ];
        crate::config::Config::update(&self.paths.config_file, &self.paths.lock_dir, |c| {
            for (key, field, value) in fields {
                c.settings.set(key, value).map_err(|e| match e {
                    crate::Error::InvalidInput { message, .. } => {
                        crate::Error::invalid(field, message)
                    }
                    other => other,
                })?;
            }
            Ok(())
        })?;
        match password {
            Some(p) if p.expose().is_empty() => self.set_proxy_password(None)?,
            Some(p) => self.set_proxy_password(Some(p))?,
            None => {}
        }
        self.changed();
        Ok(())
    }

    /// What RoleTray would use on the network, and one request (with no
    /// credentials) to each AWS endpoint the configuration uses.
    pub async fn network_check(&self) -> NetworkReport {
        let endpoints = match self.config() {
            Ok(config) => endpoints(&config),
            Err(_) => endpoints(&Config::default()),
        };
        net::check::check(endpoints).await
    }
}

/// The AWS endpoints `config` makes RoleTray call.
fn endpoints(config: &Config) -> Vec<Endpoint> {
    let url = |host: String| net::with_scheme(&host);
    let mut list = Vec::new();
    let mut regions: BTreeSet<String> = config
        .roles
        .values()
        .filter_map(|r| r.region.clone())
        .chain(config.sources.values().filter_map(|s| s.region.clone()))
        .collect();
    if regions.is_empty() {
        regions.insert("us-east-1".into());
    }
    for region in regions.into_iter().take(STS_REGIONS_TRIED) {
        list.push(Endpoint {
            what: format!("AWS STS ({region})"),
            url: url(crate::sts::Sts::endpoint(&region)),
        });
    }
    list.push(Endpoint {
        what: "AWS IAM (source key checks)".into(),
        url: url(crate::iam::Iam::endpoint("us-east-1")),
    });
    let sso_regions: BTreeSet<&str> = config.sso.values().map(|s| s.region.as_str()).collect();
    for region in sso_regions {
        list.push(Endpoint {
            what: format!("Identity Center sign-in ({region})"),
            url: crate::sso::oidc::endpoint(region),
        });
        list.push(Endpoint {
            what: format!("Identity Center portal ({region})"),
            url: crate::sso::portal::endpoint(region),
        });
    }
    let signin_regions: BTreeSet<&str> =
        config.signin.values().map(|s| s.region.as_str()).collect();
    for region in signin_regions {
        list.push(Endpoint {
            what: format!("AWS Sign-In ({region})"),
            url: crate::signin::token_api::base_url(region),
        });
    }
    if let Ok(base) =
        crate::console::urls::federation_base(config.settings.federation_url.as_deref(), "aws")
    {
        list.push(Endpoint {
            what: "Console sign-in (federation)".into(),
            url: base.to_string(),
        });
    }
    list
}
