//! KDE's proxy settings: the `[Proxy Settings]` group of `kioslaverc` in
//! the user's configuration folder.

#![cfg_attr(any(windows, target_os = "macos"), allow(dead_code))]

use super::found::SystemProxy;

const FROM: &str = "KDE's proxy settings";

/// The settings in `$XDG_CONFIG_HOME/kioslaverc` (or `~/.config`), if the
/// file is there.
pub(super) fn read_file() -> Option<SystemProxy> {
    let dir = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|d| !d.is_empty())
        .map(std::path::PathBuf::from)
        .or_else(|| dirs::home_dir().map(|h| h.join(".config")))?;
    let text = std::fs::read_to_string(dir.join("kioslaverc")).ok()?;
    Some(parse(&text))
}

/// Reads the file's `[Proxy Settings]` group. `ProxyType`: 0 none,
/// 1 manual, 2 a script, 3 discovery, 4 the environment's variables (which
/// RoleTray reads first anyway).
pub(super) fn parse(text: &str) -> SystemProxy {
    let mut in_group = false;
    let mut kind = String::new();
    let (mut https, mut http, mut script, mut bypass) =
        (String::new(), String::new(), String::new(), String::new());
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_group = line == "[Proxy Settings]";
            continue;
        }
        let Some((key, value)) = line.split_once('=').filter(|_| in_group) else {
            continue;
        };
        let value = value.trim().to_owned();
        match key.trim() {
            "ProxyType" => kind = value,
            "httpsProxy" => https = value,
            "httpProxy" => http = value,
            "Proxy Config Script" => script = value,
            "NoProxyFor" => bypass = value,
            _ => {}
        }
    }
    match kind.as_str() {
        "1" => {
            let (https, http) = (address(&https), address(&http));
            if https.is_none() && http.is_none() {
                return SystemProxy::Direct;
            }
            SystemProxy::Manual {
                https,
                http,
                bypass: bypass
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect(),
                from: FROM,
            }
        }
        "2" if !script.is_empty() => SystemProxy::AutoConfig {
            url: script,
            from: FROM,
        },
        "2" | "3" => SystemProxy::Discover { from: FROM },
        _ => SystemProxy::Direct,
    }
}

/// KDE writes `http://host port` (a space before the port) or a URL.
fn address(value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    Some(match value.rsplit_once(' ') {
        Some((host, port)) if port.parse::<u16>().is_ok() => format!("{host}:{port}"),
        _ => value.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_manual_proxy_with_kdes_space_before_the_port() {
        let text = "[$Version]\nupdate_info=kioslave.upd:es_CA_fix\n\n[Proxy Settings]\nNoProxyFor=localhost,127.0.0.1,.corp.example\nProxyType=1\nhttpProxy=http://proxy.corp 3128\nhttpsProxy=http://proxy.corp 3128\nsocksProxy=\n";
        assert_eq!(
            parse(text),
            SystemProxy::Manual {
                https: Some("http://proxy.corp:3128".into()),
                http: Some("http://proxy.corp:3128".into()),
                bypass: vec![
                    "localhost".into(),
                    "127.0.0.1".into(),
                    ".corp.example".into()
                ],
                from: FROM,
            }
        );
    }

    #[test]
    fn a_script_discovery_or_nothing() {
        let pac = "[Proxy Settings]\nProxyType=2\nProxy Config Script=http://wpad/p.pac\n";
        assert_eq!(
            parse(pac),
            SystemProxy::AutoConfig {
                url: "http://wpad/p.pac".into(),
                from: FROM
            }
        );
        assert_eq!(
            parse("[Proxy Settings]\nProxyType=3\n"),
            SystemProxy::Discover { from: FROM }
        );
        assert_eq!(
            parse("[Proxy Settings]\nProxyType=0\n"),
            SystemProxy::Direct
        );
        assert_eq!(
            parse("[Other]\nProxyType=1\nhttpsProxy=x 1\n"),
            SystemProxy::Direct
        );
    }
}
