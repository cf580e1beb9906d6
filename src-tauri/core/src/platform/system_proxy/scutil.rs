//! macOS's proxy settings, as `scutil --proxy` prints the system
//! configuration's dictionary (`HTTPSEnable : 1`, `HTTPSProxy : host`...).

#![cfg_attr(not(target_os = "macos"), allow(dead_code))]

use super::found::{SystemProxy, host_port};
use std::collections::HashMap;

const FROM: &str = "macOS's proxy settings";

#[cfg(target_os = "macos")]
pub(super) fn read_scutil() -> SystemProxy {
    super::found::output_of(std::path::Path::new("/usr/sbin/scutil"), &["--proxy"])
        .map_or(SystemProxy::Direct, |text| parse(&text))
}

pub(super) fn parse(text: &str) -> SystemProxy {
    let mut keys: HashMap<&str, &str> = HashMap::new();
    let mut exceptions = Vec::new();
    let mut in_exceptions = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with("ExceptionsList") {
            in_exceptions = true;
            continue;
        }
        if in_exceptions && line == "}" {
            in_exceptions = false;
            continue;
        }
        if let Some((key, value)) = line.split_once(" : ") {
            if in_exceptions {
                exceptions.push(value.trim().to_owned());
            } else {
                keys.insert(key.trim(), value.trim());
            }
        }
    }
    let on = |k: &str| keys.get(k).is_some_and(|v| *v == "1");
    let get = |k: &str| keys.get(k).copied().unwrap_or_default();
    if on("ProxyAutoConfigEnable") && !get("ProxyAutoConfigURLString").is_empty() {
        return SystemProxy::AutoConfig {
            url: get("ProxyAutoConfigURLString").to_owned(),
            from: FROM,
        };
    }
    let https = on("HTTPSEnable")
        .then(|| host_port(get("HTTPSProxy"), get("HTTPSPort")))
        .flatten();
    let http = on("HTTPEnable")
        .then(|| host_port(get("HTTPProxy"), get("HTTPPort")))
        .flatten();
    if https.is_some() || http.is_some() {
        return SystemProxy::Manual {
            https,
            http,
            bypass: exceptions,
            from: FROM,
        };
    }
    if on("ProxyAutoDiscoveryEnable") {
        return SystemProxy::Discover { from: FROM };
    }
    SystemProxy::Direct
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUT: &str = "<dictionary> {
  ExceptionsList : <array> {
    0 : *.local
    1 : 169.254/16
  }
  FTPPassive : 1
  HTTPEnable : 1
  HTTPPort : 8080
  HTTPProxy : proxy.corp
  HTTPSEnable : 1
  HTTPSPort : 8443
  HTTPSProxy : proxy.corp
}
";

    #[test]
    fn reads_the_proxies_and_exceptions() {
        assert_eq!(
            parse(OUT),
            SystemProxy::Manual {
                https: Some("proxy.corp:8443".into()),
                http: Some("proxy.corp:8080".into()),
                bypass: vec!["*.local".into(), "169.254/16".into()],
                from: FROM,
            }
        );
    }

    #[test]
    fn a_script_or_discovery_or_nothing() {
        let pac = OUT.replace(
            "FTPPassive : 1",
            "ProxyAutoConfigEnable : 1\n  ProxyAutoConfigURLString : http://wpad/p.pac",
        );
        assert!(
            matches!(parse(&pac), SystemProxy::AutoConfig { url, .. } if url == "http://wpad/p.pac")
        );
        assert_eq!(
            parse("<dictionary> {\n  ProxyAutoDiscoveryEnable : 1\n}\n"),
            SystemProxy::Discover { from: FROM }
        );
        assert_eq!(
            parse("<dictionary> {\n  HTTPEnable : 0\n}\n"),
            SystemProxy::Direct
        );
    }
}
