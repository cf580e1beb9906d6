//! Which proxy RoleTray's calls take, and where that came from.
//!
//! - `proxy = "none"`: none, whatever else says so.
//! - `proxy = URL`: that proxy (its password from the keychain).
//! - `proxy = "system"` (the default): the variables the AWS CLI reads
//!   (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`, upper or lower
//!   case) when any is set, else the desktop's own settings. A proxy
//!   auto-config script cannot be run here: RoleTray says so and goes direct.
//!
//! The bypass list of the Settings is always added, and loopback never goes
//! through a proxy.

use super::choice::ProxyChoice;
use super::proxy_url::{ProxyUrl, mask_text};
use crate::error::{Error, Result};
use crate::platform::system_proxy::SystemProxy;

/// A proxy and where it was set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proxy {
    pub url: ProxyUrl,
    /// `HTTPS_PROXY`, `Settings → Network`, `GNOME's proxy settings`...
    pub from: String,
}

/// What RoleTray's calls take.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Route {
    /// For `https://` endpoints (every AWS endpoint).
    pub https: Option<Proxy>,
    /// For `http://` endpoints (stand-ins, a company's own endpoints).
    pub http: Option<Proxy>,
    /// Hosts that go direct, as `NO_PROXY` rules.
    pub bypass: Vec<String>,
    /// Where the bypass rules came from.
    pub bypass_from: Vec<String>,
    /// What a person should know: a script not run, a rule not applied.
    pub notes: Vec<String>,
}

/// Always direct.
pub const LOOPBACK: [&str; 3] = ["localhost", "127.0.0.0/8", "::1"];

/// What [`resolve`] reads, given so that tests need no real environment.
pub struct Inputs<'a> {
    pub choice: &'a ProxyChoice,
    pub bypass: &'a [String],
    pub env: &'a dyn Fn(&str) -> Option<String>,
    pub system: &'a dyn Fn() -> SystemProxy,
}

/// The route for `inputs`. A proxy variable that cannot be read is an
/// error naming it (the AWS CLI fails the same way).
pub fn resolve(inputs: &Inputs<'_>) -> Result<Route> {
    let mut route = Route::default();
    match inputs.choice {
        ProxyChoice::Direct => {
            if let Some((name, _)) = first_env(inputs.env, &PROXY_VARS) {
                route.notes.push(format!(
                    "{name} is set, but the Network setting says no proxy: it is not used"
                ));
            }
        }
        ProxyChoice::Own(url) => {
            let proxy = Proxy {
                url: url.clone(),
                from: "Settings → Network".into(),
            };
            route.https = Some(proxy.clone());
            route.http = Some(proxy);
        }
        ProxyChoice::System => {
            if first_env(inputs.env, &PROXY_VARS).is_some() {
                from_env(inputs.env, &mut route)?;
            } else {
                from_system((inputs.system)(), &mut route);
            }
        }
    }
    if !inputs.bypass.is_empty() {
        add_bypass(&mut route, inputs.bypass, "Settings → Network");
    }
    route
        .bypass
        .extend(LOOPBACK.iter().map(|s| (*s).to_owned()));
    Ok(route)
}

const PROXY_VARS: [&str; 6] = [
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
];

/// The first of `names` set to something, and its value.
fn first_env(env: &dyn Fn(&str) -> Option<String>, names: &[&str]) -> Option<(String, String)> {
    names.iter().find_map(|n| {
        env(n)
            .filter(|v| !v.trim().is_empty())
            .map(|v| ((*n).to_owned(), v))
    })
}

fn from_env(env: &dyn Fn(&str) -> Option<String>, route: &mut Route) -> Result<()> {
    let read = |names: [&str; 2]| -> Result<Option<Proxy>> {
        let Some((name, value)) = first_env(env, &names) else {
            return Ok(None);
        };
        let url = ProxyUrl::parse(&value).map_err(|m| Error::invalid(name.clone(), m))?;
        Ok(Some(Proxy { url, from: name }))
    };
    route.https = read(["HTTPS_PROXY", "https_proxy"])?;
    route.http = read(["HTTP_PROXY", "http_proxy"])?;
    if let Some((name, value)) = first_env(env, &["ALL_PROXY", "all_proxy"]) {
        match ProxyUrl::parse(&value) {
            Ok(url) => {
                let all = Proxy { url, from: name };
                route.https.get_or_insert_with(|| all.clone());
                route.http.get_or_insert(all);
            }
            Err(m) => route
                .notes
                .push(format!("{name}={} is not used: {m}", mask_text(&value))),
        }
    }
    if let Some((name, value)) = first_env(env, &["NO_PROXY", "no_proxy"]) {
        let rules: Vec<String> = value.split(',').map(|s| s.trim().to_owned()).collect();
        add_bypass(route, &rules, &name);
    }
    Ok(())
}

fn from_system(system: SystemProxy, route: &mut Route) {
    match system {
        SystemProxy::Direct => {}
        SystemProxy::Manual {
            https,
            http,
            bypass,
            from,
        } => {
            let mut read = |text: Option<String>| {
                let text = text?;
                match ProxyUrl::parse(&text) {
                    Ok(url) => Some(Proxy {
                        url,
                        from: from.to_owned(),
                    }),
                    Err(m) => {
                        route.notes.push(format!("{from}: {m}; not used"));
                        None
                    }
                }
            };
            let (https, http) = (read(https), read(http));
            route.https = https;
            route.http = http;
            add_bypass(route, &bypass, from);
        }
        SystemProxy::AutoConfig { url, from } => route.notes.push(format!(
            "{from} use a proxy auto-config script ({url}). RoleTray does not run such scripts: it goes direct. If AWS is only reachable through a proxy here, give that proxy in Settings → Network (`roletray config set proxy URL`) or in HTTPS_PROXY"
        )),
        SystemProxy::Discover { from } => route.notes.push(format!(
            "{from} discover the proxy automatically (WPAD). RoleTray does not: it goes direct. If AWS is only reachable through a proxy here, give that proxy in Settings → Network (`roletray config set proxy URL`) or in HTTPS_PROXY"
        )),
    }
}

/// Adds `rules` (as a desktop or a person writes them) as `NO_PROXY` rules.
fn add_bypass(route: &mut Route, rules: &[String], from: &str) {
    let mut added = false;
    for rule in rules.iter().map(|r| r.trim()).filter(|r| !r.is_empty()) {
        match no_proxy_rule(rule) {
            Some(r) => {
                route.bypass.push(r);
                added = true;
            }
            None => route.notes.push(format!(
                "the bypass rule '{rule}' of {from} has no equivalent here and is not applied"
            )),
        }
    }
    if added {
        route.bypass_from.push(from.to_owned());
    }
}

/// A desktop's bypass rule as a `NO_PROXY` rule: `*.corp` is `.corp`,
/// `10.*` is `10.0.0.0/8`, `169.254/16` is `169.254.0.0/16`. Windows'
/// `<local>` (every name without a dot) has none.
fn no_proxy_rule(rule: &str) -> Option<String> {
    if rule == "*" {
        return Some(rule.to_owned());
    }
    if rule.starts_with('<') {
        return None;
    }
    if let Some(domain) = rule.strip_prefix("*.") {
        return Some(format!(".{domain}"));
    }
    let (addr, bits) = match rule.split_once('/') {
        Some((a, b)) => (a, Some(b)),
        None => (rule, None),
    };
    let octets: Vec<&str> = addr.split('.').collect();
    let numeric = |o: &&str| o.parse::<u8>().is_ok();
    if octets.len() < 4
        && octets.iter().all(|o| numeric(o) || *o == "*")
        && octets.iter().any(numeric)
    {
        let fixed: Vec<&str> = octets.iter().copied().filter(|o| *o != "*").collect();
        let mut full = fixed.clone();
        full.resize(4, "0");
        let bits = bits
            .map(str::to_owned)
            .unwrap_or_else(|| (fixed.len() * 8).to_string());
        return Some(format!("{}/{bits}", full.join(".")));
    }
    Some(rule.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn route(choice: &ProxyChoice, env: &[(&str, &str)], system: SystemProxy) -> Result<Route> {
        let env: HashMap<String, String> = env
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        resolve(&Inputs {
            choice,
            bypass: &["corp.example".to_owned()],
            env: &|k| env.get(k).cloned(),
            system: &|| system.clone(),
        })
    }

    fn manual() -> SystemProxy {
        SystemProxy::Manual {
            https: Some("desk.corp:3128".into()),
            http: None,
            bypass: vec!["*.internal".into(), "<local>".into(), "10.*".into()],
            from: "GNOME's proxy settings",
        }
    }

    #[test]
    fn the_environment_comes_before_the_desktop_in_either_case() {
        let r = route(
            &ProxyChoice::System,
            &[
                ("https_proxy", "http://u:p@env.corp:8080"),
                ("NO_PROXY", "a.example,b"),
            ],
            manual(),
        )
        .unwrap();
        let https = r.https.unwrap();
        assert_eq!(
            (https.url.shown().as_str(), https.from.as_str()),
            ("http://u:****@env.corp:8080", "https_proxy")
        );
        assert_eq!(r.http, None);
        assert_eq!(
            r.bypass,
            [
                "a.example",
                "b",
                "corp.example",
                "localhost",
                "127.0.0.0/8",
                "::1"
            ]
        );
        assert_eq!(r.bypass_from, ["NO_PROXY", "Settings → Network"]);
        let all = route(
            &ProxyChoice::System,
            &[("ALL_PROXY", "all.corp:1")],
            manual(),
        )
        .unwrap();
        assert_eq!(all.https.unwrap().from, "ALL_PROXY");
        assert_eq!(all.http.unwrap().url.address(), "all.corp:1");
    }

    #[test]
    fn the_desktop_when_the_environment_says_nothing() {
        let r = route(&ProxyChoice::System, &[], manual()).unwrap();
        assert_eq!(r.https.unwrap().url.shown(), "http://desk.corp:3128");
        assert_eq!(&r.bypass[..2], [".internal", "10.0.0.0/8"]);
        assert!(r.notes[0].contains("<local>"), "{:?}", r.notes);
    }

    #[test]
    fn a_script_is_said_and_goes_direct() {
        let pac = SystemProxy::AutoConfig {
            url: "http://wpad/p.pac".into(),
            from: "Windows' proxy settings",
        };
        let r = route(&ProxyChoice::System, &[], pac).unwrap();
        assert_eq!(r.https, None);
        assert!(r.notes[0].contains("http://wpad/p.pac") && r.notes[0].contains("direct"));
    }

    #[test]
    fn none_and_own_ignore_the_rest() {
        let r = route(&ProxyChoice::Direct, &[("HTTPS_PROXY", "env:1")], manual()).unwrap();
        assert_eq!(r.https, None);
        assert!(r.notes[0].contains("HTTPS_PROXY"));
        let own = ProxyChoice::parse("proxy", "http://me@own.corp:3128").unwrap();
        let r = route(&own, &[("HTTPS_PROXY", "env:1")], manual()).unwrap();
        assert_eq!(r.https.unwrap().from, "Settings → Network");
    }

    #[test]
    fn a_bad_variable_is_an_error_naming_it_and_socks_in_all_proxy_is_noted() {
        let e = route(
            &ProxyChoice::System,
            &[("HTTPS_PROXY", "socks5://u:pw@x:1")],
            manual(),
        )
        .unwrap_err();
        assert!(
            e.to_string().starts_with("HTTPS_PROXY:") && !e.to_string().contains("pw@"),
            "{e}"
        );
        let r = route(
            &ProxyChoice::System,
            &[("ALL_PROXY", "socks5://x:1")],
            manual(),
        )
        .unwrap();
        assert_eq!(r.https, None);
        assert!(r.notes[0].contains("ALL_PROXY"));
    }

    #[test]
    fn desktop_rules_become_no_proxy_rules() {
        assert_eq!(no_proxy_rule("*.corp").as_deref(), Some(".corp"));
        assert_eq!(
            no_proxy_rule("192.168.*").as_deref(),
            Some("192.168.0.0/16")
        );
        assert_eq!(
            no_proxy_rule("169.254/16").as_deref(),
            Some("169.254.0.0/16")
        );
        assert_eq!(no_proxy_rule("10.1.2.3").as_deref(), Some("10.1.2.3"));
        assert_eq!(no_proxy_rule("<local>"), None);
        assert_eq!(no_proxy_rule("*").as_deref(), Some("*"));
    }
}
