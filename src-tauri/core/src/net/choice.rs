//! The Network settings a person makes: which proxy (the system's, none, or
//! one of their own), hosts that go direct, and an extra certificate
//! authority file. Kept in `config.toml`; a proxy password is kept in the
//! keychain, never here.

use super::proxy_url::ProxyUrl;
use crate::error::{Error, Result};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The `proxy` setting.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ProxyChoice {
    /// The environment's variables, else the desktop's settings (the default).
    #[default]
    System,
    /// No proxy at all, whatever the environment or the desktop say.
    Direct,
    /// A proxy of the person's own (a user name, but never a password).
    Own(ProxyUrl),
}

/// What `proxy` reads as when it is the default.
pub const SYSTEM: &str = "system";
/// What `proxy` reads as for no proxy.
pub const NONE: &str = "none";

impl ProxyChoice {
    /// Reads `system`, `none`, or a proxy URL. A password in the URL is
    /// refused: it belongs in the keychain.
    pub fn parse(field: &str, text: &str) -> Result<ProxyChoice> {
        match text.trim() {
            "" | SYSTEM => Ok(ProxyChoice::System),
            NONE | "direct" => Ok(ProxyChoice::Direct),
            url => {
                let proxy = ProxyUrl::parse(url).map_err(|m| Error::invalid(field, m))?;
                if proxy.has_password() {
                    return Err(Error::invalid(
                        field,
                        "a password does not go in the proxy URL, where it would be kept in a plain file: give the URL with the user name only (http://USER@HOST:PORT) and the password with `roletray network password` or in Settings → Network, which keep it in the keychain",
                    ));
                }
                Ok(ProxyChoice::Own(proxy))
            }
        }
    }

    pub fn as_text(&self) -> String {
        match self {
            ProxyChoice::System => SYSTEM.into(),
            ProxyChoice::Direct => NONE.into(),
            ProxyChoice::Own(p) => p.shown(),
        }
    }
}

impl Serialize for ProxyChoice {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.as_text())
    }
}

impl<'de> Deserialize<'de> for ProxyChoice {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        ProxyChoice::parse("proxy", &text).map_err(serde::de::Error::custom)
    }
}

/// Checks a bypass list (`corp.example, .internal, 10.0.0.0/8`): host
/// names, domains, addresses and networks, as `NO_PROXY` holds them.
pub fn bypass_list(field: &str, text: &str) -> Result<Vec<String>> {
    let mut rules = Vec::new();
    for rule in text
        .split([',', ';', '\n'])
        .map(str::trim)
        .filter(|r| !r.is_empty())
    {
        let ok = rule.len() <= 253
            && rule
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-*:/[]_<>".contains(c));
        if !ok {
            return Err(Error::invalid(
                field,
                format!(
                    "'{rule}' is not a host, domain or network (for example corp.example, .internal, 10.0.0.0/8)"
                ),
            ));
        }
        rules.push(rule.to_owned());
    }
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_none_or_a_url_without_a_password() {
        assert_eq!(
            ProxyChoice::parse("proxy", "system").unwrap(),
            ProxyChoice::System
        );
        assert_eq!(
            ProxyChoice::parse("proxy", "none").unwrap(),
            ProxyChoice::Direct
        );
        let own = ProxyChoice::parse("proxy", "http://me@proxy.corp:3128").unwrap();
        assert_eq!(own.as_text(), "http://me@proxy.corp:3128");
        let e = ProxyChoice::parse("proxy", "http://me:hunter2@proxy.corp:3128").unwrap_err();
        assert!(e.to_string().contains("keychain") && !e.to_string().contains("hunter2"));
        assert_eq!(
            ProxyChoice::parse("proxy", "socks5://p:1")
                .unwrap_err()
                .code(),
            "invalid_input"
        );
    }

    #[test]
    fn bypass_lists_are_hosts_domains_and_networks() {
        assert_eq!(
            bypass_list("proxy-bypass", "corp.example, .internal;10.0.0.0/8").unwrap(),
            vec!["corp.example", ".internal", "10.0.0.0/8"]
        );
        assert!(bypass_list("proxy-bypass", "a b").is_err());
        assert!(bypass_list("proxy-bypass", "").unwrap().is_empty());
    }
}
