//! GNOME's proxy settings, as `gsettings list-recursively
//! org.gnome.system.proxy` prints them (one process, whatever backend the
//! desktop uses: dconf, or the defaults when there is none).

#![cfg_attr(any(windows, target_os = "macos"), allow(dead_code))]

use super::found::{SystemProxy, host_port};
use std::collections::HashMap;

const FROM: &str = "GNOME's proxy settings";

/// The settings, read with `gsettings`; direct when it is missing or fails.
pub(super) fn read_gsettings() -> SystemProxy {
    let Ok(path) = which::which("gsettings") else {
        return SystemProxy::Direct;
    };
    super::found::output_of(&path, &["list-recursively", "org.gnome.system.proxy"])
        .map_or(SystemProxy::Direct, |text| parse(&text))
}

/// Reads `gsettings list-recursively` output: `SCHEMA KEY VALUE` lines.
pub(super) fn parse(text: &str) -> SystemProxy {
    let mut keys: HashMap<String, String> = HashMap::new();
    for line in text.lines() {
        let mut parts = line.splitn(3, ' ');
        if let (Some(schema), Some(key), Some(value)) = (parts.next(), parts.next(), parts.next()) {
            keys.insert(format!("{schema} {key}"), value.trim().to_owned());
        }
    }
    let get = |schema: &str, key: &str| {
        keys.get(&format!("org.gnome.system.proxy{schema} {key}"))
            .map(|v| unquote(v))
            .unwrap_or_default()
    };
    match get("", "mode").as_str() {
        "manual" => {
            let https = host_port(&get(".https", "host"), &get(".https", "port"));
            let http = host_port(&get(".http", "host"), &get(".http", "port"));
            if https.is_none() && http.is_none() {
                return SystemProxy::Direct;
            }
            SystemProxy::Manual {
                https,
                http,
                bypass: string_array(keys.get("org.gnome.system.proxy ignore-hosts")),
                from: FROM,
            }
        }
        "auto" => match get("", "autoconfig-url") {
            url if url.is_empty() => SystemProxy::Discover { from: FROM },
            url => SystemProxy::AutoConfig { url, from: FROM },
        },
        _ => SystemProxy::Direct,
    }
}

/// `'text'` as `text` (GVariant's string form); numbers stay as they are.
fn unquote(v: &str) -> String {
    v.strip_prefix('\'')
        .and_then(|s| s.strip_suffix('\''))
        .unwrap_or(v)
        .replace("\\'", "'")
}

/// `['a', 'b']` (or `@as []`) as its strings.
fn string_array(v: Option<&String>) -> Vec<String> {
    let Some(v) = v else { return Vec::new() };
    let inner = v
        .trim()
        .trim_start_matches("@as")
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']');
    inner
        .split(',')
        .map(|s| unquote(s.trim()))
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANUAL: &str = "org.gnome.system.proxy autoconfig-url ''
org.gnome.system.proxy ignore-hosts ['localhost', '127.0.0.0/8', '::1', '*.corp.example']
org.gnome.system.proxy mode 'manual'
org.gnome.system.proxy use-same-proxy true
org.gnome.system.proxy.http host 'proxy.corp.example'
org.gnome.system.proxy.http port 3128
org.gnome.system.proxy.https host 'proxy.corp.example'
org.gnome.system.proxy.https port 3129
org.gnome.system.proxy.socks host ''
org.gnome.system.proxy.socks port 0
";

    #[test]
    fn a_manual_proxy_and_its_bypass_list() {
        assert_eq!(
            parse(MANUAL),
            SystemProxy::Manual {
                https: Some("proxy.corp.example:3129".into()),
                http: Some("proxy.corp.example:3128".into()),
                bypass: vec![
                    "localhost".into(),
                    "127.0.0.0/8".into(),
                    "::1".into(),
                    "*.corp.example".into()
                ],
                from: FROM,
            }
        );
    }

    #[test]
    fn auto_mode_is_a_script_or_discovery_and_none_is_direct() {
        let pac = MANUAL.replace("mode 'manual'", "mode 'auto'").replace(
            "autoconfig-url ''",
            "autoconfig-url 'http://wpad.corp/proxy.pac'",
        );
        assert_eq!(
            parse(&pac),
            SystemProxy::AutoConfig {
                url: "http://wpad.corp/proxy.pac".into(),
                from: FROM
            }
        );
        let wpad = MANUAL.replace("mode 'manual'", "mode 'auto'");
        assert_eq!(parse(&wpad), SystemProxy::Discover { from: FROM });
        let none = MANUAL.replace("mode 'manual'", "mode 'none'");
        assert_eq!(parse(&none), SystemProxy::Direct);
        let empty = "org.gnome.system.proxy mode 'manual'\norg.gnome.system.proxy.https host ''\norg.gnome.system.proxy.https port 0\n";
        assert_eq!(parse(empty), SystemProxy::Direct);
        assert_eq!(
            string_array(Some(&"@as []".to_owned())),
            Vec::<String>::new()
        );
    }
}
