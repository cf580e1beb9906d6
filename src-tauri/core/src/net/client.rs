//! The one HTTP client every call RoleTray makes goes through: the AWS SDK's
//! clients (STS, IAM, Identity Center) and the plain calls (AWS Sign-In's
//! token API, console federation). It is made here, from the Network
//! settings, the environment and the desktop, so that a proxy, a bypass
//! list, an extra certificate authority and the timeouts apply to every
//! call, and a new call cannot forget them.
//!
//! The client is made on first use and again when the settings change (or,
//! for the desktop's proxy, when the desktop's setting changed: it is read
//! again at most every [`SYSTEM_RECHECK`]).

use super::choice::ProxyChoice;
use super::route::{self, Route};
use super::trust::{self, CaFile};
use crate::error::{Error, Result};
use crate::platform::system_proxy::{self, SystemProxy};
use crate::secret::Sensitive;
use aws_smithy_http_client::proxy::ProxyConfig;
use aws_smithy_http_client::{Connector, tls};
use aws_smithy_runtime_api::client::http::{
    HttpConnector, HttpConnectorSettings, SharedHttpClient, SharedHttpConnector, http_client_fn,
};
use aws_smithy_types::body::SdkBody;
use http_body_util::{BodyExt, Limited};
use hyper::body::Bytes;
use hyper_util::client::proxy::matcher::Matcher;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long connecting (to the endpoint or the proxy) may take.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// How long one plain call may take in all.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(10);
/// How often the desktop's proxy setting is read again while it is in use.
pub const SYSTEM_RECHECK: Duration = Duration::from_secs(30);

/// The Network settings in force (from `config.toml` and the keychain).
#[derive(Clone, PartialEq, Eq, Default)]
pub struct NetSettings {
    pub proxy: ProxyChoice,
    pub bypass: Vec<String>,
    pub ca_bundle: Option<String>,
    /// The own proxy's password, from the keychain.
    pub password: Option<Sensitive<String>>,
}

impl std::fmt::Debug for NetSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NetSettings")
            .field("proxy", &self.proxy)
            .field("bypass", &self.bypass)
            .field("ca_bundle", &self.ca_bundle)
            .field("password", &self.password.as_ref().map(|_| "****"))
            .finish()
    }
}

/// The client, and what it was made from (for `network check` and for
/// messages).
pub struct Net {
    connector: SharedHttpConnector,
    pub route: Route,
    pub ca_files: Vec<CaFile>,
    matcher: Matcher,
    /// The desktop's setting it was made with, when that was read.
    system: Option<SystemProxy>,
    /// When the desktop's setting was last read.
    checked: Mutex<Instant>,
}

struct Current {
    settings: NetSettings,
    net: Option<Arc<Net>>,
}

static CURRENT: Mutex<Current> = Mutex::new(Current {
    settings: NetSettings {
        proxy: ProxyChoice::System,
        bypass: Vec::new(),
        ca_bundle: None,
        password: None,
    },
    net: None,
});

/// Makes `settings` the ones in force; the next call gets a new client if
/// they changed.
pub fn use_settings(settings: NetSettings) {
    let mut current = CURRENT.lock().unwrap_or_else(|p| p.into_inner());
    if current.settings != settings {
        tracing::debug!(?settings, "network settings changed");
        current.settings = settings;
        current.net = None;
    }
}

/// The client in force, made now if need be. An unusable CA file or proxy
/// variable is an error saying which.
pub fn current() -> Result<Arc<Net>> {
    let mut current = CURRENT.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(net) = &current.net
        && !net.desktop_changed()
    {
        return Ok(net.clone());
    }
    let net = Arc::new(Net::make(&current.settings)?);
    current.net = Some(net.clone());
    Ok(net)
}

/// The client in force if one was made (for explaining a failure).
pub fn made() -> Option<Arc<Net>> {
    CURRENT
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .net
        .clone()
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// A plain call's answer.
pub struct Answer {
    pub status: u16,
    pub body: Bytes,
}

impl Net {
    fn make(settings: &NetSettings) -> Result<Net> {
        let read_system = std::cell::OnceCell::new();
        let system = || read_system.get_or_init(system_proxy::read).clone();
        let mut route = route::resolve(&route::Inputs {
            choice: &settings.proxy,
            bypass: &settings.bypass,
            env: &env,
            system: &system,
        })?;
        if let (ProxyChoice::Own(_), Some(password)) = (&settings.proxy, &settings.password) {
            for proxy in [&mut route.https, &mut route.http].into_iter().flatten() {
                if proxy.url.user().is_some() {
                    proxy.url = proxy.url.clone().with_password(password.clone());
                }
            }
        }
        let ca_files = trust::ca_files(
            &env,
            trust::profile_bundle(&env),
            settings.ca_bundle.as_deref(),
        );
        let mut store = tls::TrustStore::default();
        for file in &ca_files {
            store = store.with_pem_certificate(file.load()?);
        }
        let context = tls::TlsContext::builder()
            .with_trust_store(store)
            .build()
            .map_err(|e| {
                Error::invalid(
                    "ca-bundle",
                    format!("cannot set up TLS with these certificates: {e}"),
                )
            })?;
        let connector = Connector::builder()
            .connector_settings(
                HttpConnectorSettings::builder()
                    .connect_timeout(CONNECT_TIMEOUT)
                    .build(),
            )
            .proxy_config(proxy_config(&route)?)
            .tls_provider(tls::Provider::Rustls(
                tls::rustls_provider::CryptoMode::AwsLc,
            ))
            .tls_context(context)
            .build();
        tracing::info!(
            https_proxy = route.https.as_ref().map(|p| p.url.shown()),
            http_proxy = route.http.as_ref().map(|p| p.url.shown()),
            ca_files = ca_files.len(),
            "network client made"
        );
        Ok(Net {
            connector: SharedHttpConnector::new(connector),
            matcher: matcher(&route),
            route,
            ca_files,
            system: read_system.into_inner(),
            checked: Mutex::new(Instant::now()),
        })
    }

    /// Whether the desktop's proxy setting this client was made with has
    /// changed since (read again at most every [`SYSTEM_RECHECK`]).
    fn desktop_changed(&self) -> bool {
        let Some(seen) = &self.system else {
            return false;
        };
        let mut checked = self.checked.lock().unwrap_or_else(|p| p.into_inner());
        if checked.elapsed() < SYSTEM_RECHECK {
            return false;
        }
        *checked = Instant::now();
        *seen != system_proxy::read()
    }

    /// The client for the AWS SDK's service clients.
    pub fn sdk_client(&self) -> SharedHttpClient {
        let connector = self.connector.clone();
        http_client_fn(move |_, _| connector.clone())
    }

    /// The proxy a call to `url` goes through, if any.
    pub fn proxy_for(&self, url: &str) -> Option<&route::Proxy> {
        let uri: hyper::Uri = with_scheme(url).parse().ok()?;
        self.matcher.intercept(&uri)?;
        if uri.scheme_str() == Some("http") {
            self.route.http.as_ref()
        } else {
            self.route.https.as_ref()
        }
    }

    /// Sends one plain request (`headers` and `body` as given) and reads
    /// at most `limit` bytes of the answer, within [`CALL_TIMEOUT`]. A
    /// failure is the error chain's text.
    pub async fn send(
        &self,
        method: &str,
        url: &str,
        headers: &[(&'static str, String)],
        body: Option<&Sensitive<String>>,
        limit: usize,
    ) -> std::result::Result<Answer, String> {
        let body = body.map_or_else(SdkBody::empty, |b| SdkBody::from(b.expose().as_str()));
        let mut request = aws_smithy_runtime_api::http::Request::new(body);
        request
            .set_uri(url)
            .map_err(|_| "the URL cannot be made into a request".to_owned())?;
        request
            .set_method(method)
            .map_err(|_| "the method is not one".to_owned())?;
        request.headers_mut().insert(
            "user-agent",
            concat!("roletray/", env!("CARGO_PKG_VERSION")),
        );
        for (name, value) in headers {
            request.headers_mut().insert(*name, value.clone());
        }
        let call = async {
            let response = self
                .connector
                .call(request)
                .await
                .map_err(|e| super::error_chain::error_chain(&e))?;
            let status = response.status().as_u16();
            let body = Limited::new(response.into_body(), limit)
                .collect()
                .await
                .map_err(|e| format!("the answer broke off: {e}"))?
                .to_bytes();
            Ok(Answer { status, body })
        };
        tokio::time::timeout(CALL_TIMEOUT, call)
            .await
            .map_err(|_| "no answer in time".to_owned())?
    }
}

/// `url` with `https://` when it has no scheme (endpoints are named by host
/// in some messages).
pub(crate) fn with_scheme(url: &str) -> String {
    if url.contains("://") {
        url.to_owned()
    } else {
        format!("https://{url}")
    }
}

/// The URL given to the connector: with the user and password, encoded.
fn proxy_url_with_credentials(proxy: &route::Proxy) -> Result<String> {
    let mut url = url::Url::parse(&proxy.url.bare())
        .map_err(|e| Error::invalid(proxy.from.clone(), e.to_string()))?;
    if let Some((user, password)) = proxy.url.credentials() {
        let _ = url.set_username(user);
        let _ = url.set_password(Some(password.expose()));
    }
    Ok(url.to_string())
}

fn proxy_config(route: &Route) -> Result<ProxyConfig> {
    let invalid = |from: &str, e: String| Error::invalid(from.to_owned(), e);
    let config = match (&route.https, &route.http) {
        (None, None) => return Ok(ProxyConfig::disabled()),
        (Some(s), Some(h)) if s.url == h.url => ProxyConfig::all(proxy_url_with_credentials(s)?)
            .map_err(|e| invalid(&s.from, e.to_string()))?,
        (Some(s), _) => ProxyConfig::https(proxy_url_with_credentials(s)?)
            .map_err(|e| invalid(&s.from, e.to_string()))?,
        (None, Some(h)) => ProxyConfig::http(proxy_url_with_credentials(h)?)
            .map_err(|e| invalid(&h.from, e.to_string()))?,
    };
    Ok(config.no_proxy(route.bypass.join(",")))
}

/// The same decision the connector makes, for messages.
fn matcher(route: &Route) -> Matcher {
    let mut builder = Matcher::builder();
    if let Some(p) = &route.https {
        builder = builder.https(p.url.bare());
    }
    if let Some(p) = &route.http {
        builder = builder.http(p.url.bare());
    }
    builder.no(route.bypass.join(",")).build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::proxy_url::ProxyUrl;

    fn proxy(text: &str) -> route::Proxy {
        route::Proxy {
            url: ProxyUrl::parse(text).unwrap(),
            from: "HTTPS_PROXY".into(),
        }
    }

    #[test]
    fn credentials_are_encoded_for_the_connector() {
        let p = proxy("http://me%40corp@proxy.corp:3128")
            .url
            .with_password(Sensitive::new("p@ss:w rd".to_owned()));
        let url = proxy_url_with_credentials(&route::Proxy {
            url: p,
            from: "Settings → Network".into(),
        })
        .unwrap();
        assert_eq!(url, "http://me%40corp:p%40ss%3Aw%20rd@proxy.corp:3128/");
    }

    #[test]
    fn the_matcher_says_which_calls_take_the_proxy() {
        let route = Route {
            https: Some(proxy("proxy.corp:3128")),
            bypass: vec![".internal".into(), "localhost".into(), "127.0.0.0/8".into()],
            ..Route::default()
        };
        let m = matcher(&route);
        let via = |url: &str| m.intercept(&with_scheme(url).parse().unwrap()).is_some();
        assert!(via("sts.us-east-1.amazonaws.com"));
        assert!(!via("https://sts.internal/"));
        assert!(!via("https://127.0.0.1:4566/"));
        assert!(
            !via("http://sts.amazonaws.com/"),
            "no proxy for http was given"
        );
    }
}
