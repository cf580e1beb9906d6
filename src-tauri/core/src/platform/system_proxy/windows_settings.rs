//! Windows' per-user Internet settings (what the Settings app's Proxy page
//! and Internet Options write): `HKCU\Software\Microsoft\Windows\
//! CurrentVersion\Internet Settings`.

#![cfg_attr(not(windows), allow(dead_code))]

use super::found::SystemProxy;

const FROM: &str = "Windows' proxy settings";

/// The registry values that say what the proxy is.
#[derive(Debug, Default)]
pub(super) struct Values {
    pub proxy_enable: u32,
    pub proxy_server: String,
    pub proxy_override: String,
    pub auto_config_url: String,
    /// "Automatically detect settings" (a flag in the connection's
    /// `DefaultConnectionSettings`).
    pub auto_detect: bool,
}

#[cfg(windows)]
pub(super) fn read_registry() -> SystemProxy {
    use winreg::RegKey;
    use winreg::enums::HKEY_CURRENT_USER;
    let Ok(key) = RegKey::predef(HKEY_CURRENT_USER)
        .open_subkey(r"Software\Microsoft\Windows\CurrentVersion\Internet Settings")
    else {
        return SystemProxy::Direct;
    };
    let flags: Vec<u8> = key
        .open_subkey("Connections")
        .and_then(|c| c.get_raw_value("DefaultConnectionSettings"))
        .map(|v| v.bytes.to_vec())
        .unwrap_or_default();
    parse(&Values {
        proxy_enable: key.get_value("ProxyEnable").unwrap_or(0),
        proxy_server: key.get_value("ProxyServer").unwrap_or_default(),
        proxy_override: key.get_value("ProxyOverride").unwrap_or_default(),
        auto_config_url: key.get_value("AutoConfigURL").unwrap_or_default(),
        auto_detect: flags.get(8).is_some_and(|f| f & 0x08 != 0),
    })
}

/// What the values say. A script wins over a manual proxy, as Windows
/// applies them.
pub(super) fn parse(v: &Values) -> SystemProxy {
    if !v.auto_config_url.trim().is_empty() {
        return SystemProxy::AutoConfig {
            url: v.auto_config_url.trim().to_owned(),
            from: FROM,
        };
    }
    if v.proxy_enable != 0 && !v.proxy_server.trim().is_empty() {
        let (https, http) = servers(&v.proxy_server);
        if https.is_some() || http.is_some() {
            return SystemProxy::Manual {
                https,
                http,
                bypass: v
                    .proxy_override
                    .split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect(),
                from: FROM,
            };
        }
    }
    if v.auto_detect {
        return SystemProxy::Discover { from: FROM };
    }
    SystemProxy::Direct
}

/// `ProxyServer` is one `host:port` for every protocol, or
/// `http=host:port;https=host:port;...` per protocol.
fn servers(text: &str) -> (Option<String>, Option<String>) {
    let text = text.trim();
    if !text.contains('=') {
        return (Some(text.to_owned()), Some(text.to_owned()));
    }
    let mut https = None;
    let mut http = None;
    for part in text.split(';') {
        match part.split_once('=') {
            Some((k, v)) if k.trim().eq_ignore_ascii_case("https") => {
                https = Some(v.trim().to_owned())
            }
            Some((k, v)) if k.trim().eq_ignore_ascii_case("http") => {
                http = Some(v.trim().to_owned())
            }
            _ => {}
        }
    }
    (
        https.filter(|s| !s.is_empty()),
        http.filter(|s| !s.is_empty()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_server_for_all_or_one_per_protocol() {
        let v = Values {
            proxy_enable: 1,
            proxy_server: "proxy.corp:8080".into(),
            proxy_override: "*.corp.example;<local>".into(),
            ..Values::default()
        };
        assert_eq!(
            parse(&v),
            SystemProxy::Manual {
                https: Some("proxy.corp:8080".into()),
                http: Some("proxy.corp:8080".into()),
                bypass: vec!["*.corp.example".into(), "<local>".into()],
                from: FROM,
            }
        );
        let per = Values {
            proxy_server: "http=p1:80;https=p2:443;ftp=p3:21".into(),
            ..v
        };
        let SystemProxy::Manual { https, http, .. } = parse(&per) else {
            panic!("manual expected");
        };
        assert_eq!(
            (https.as_deref(), http.as_deref()),
            (Some("p2:443"), Some("p1:80"))
        );
    }

    #[test]
    fn disabled_script_and_discovery() {
        let off = Values {
            proxy_enable: 0,
            proxy_server: "proxy.corp:8080".into(),
            ..Values::default()
        };
        assert_eq!(parse(&off), SystemProxy::Direct);
        let pac = Values {
            auto_config_url: "http://wpad/proxy.pac".into(),
            ..Values::default()
        };
        assert!(matches!(parse(&pac), SystemProxy::AutoConfig { .. }));
        let detect = Values {
            auto_detect: true,
            ..Values::default()
        };
        assert_eq!(parse(&detect), SystemProxy::Discover { from: FROM });
    }
}
