//! A failed call, read for what a person can do about it: a certificate
//! from an authority this computer does not trust (a TLS-inspecting proxy),
//! a proxy that asks for credentials, a proxy that cannot be reached, a host
//! that does not resolve (directly or through the proxy). Anything else
//! stays the calling service's own "cannot reach" error.

use super::client::{made, with_scheme};
use super::route::Proxy;
use crate::error::Error;

/// What the failure of a call to `endpoint` (a URL or a host), whose error
/// chain is `chain`, means on this network; `None` when it is not about the
/// network's path.
pub fn explain(endpoint: &str, chain: &str) -> Option<Error> {
    let net = made();
    let proxy = net.as_ref().and_then(|n| n.proxy_for(endpoint));
    classify(&host_of(endpoint), proxy, chain)
}

fn host_of(endpoint: &str) -> String {
    url::Url::parse(&with_scheme(endpoint))
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| endpoint.to_owned())
}

const NAME_NOT_FOUND: [&str; 6] = [
    "dns error",
    "failed to lookup address",
    "name or service not known",
    "no such host",
    "nodename nor servname",
    "temporary failure in name resolution",
];

pub(super) fn classify(host: &str, proxy: Option<&Proxy>, chain: &str) -> Option<Error> {
    let text = chain.to_ascii_lowercase();
    let has = |needles: &[&str]| needles.iter().any(|n| text.contains(n));
    let shown = |p: &Proxy| (p.url.shown(), p.from.clone());
    if let Some(p) = proxy
        && has(&["proxy authorization required", "407 proxy"])
    {
        let (proxy, from) = shown(p);
        return Some(Error::ProxyAuthRequired {
            proxy,
            from,
            refused: p.url.credentials().is_some(),
        });
    }
    if has(&["invalid peer certificate", "certificate verify failed"]) {
        let reason = if has(&[
            "unknownissuer",
            "unknown issuer",
            "unable to get local issuer",
        ]) {
            "is signed by an authority this computer does not trust"
        } else if has(&["notvalidforname", "hostname mismatch"]) {
            "is not for that host name"
        } else if has(&["expired"]) {
            "has expired"
        } else {
            "cannot be trusted"
        };
        return Some(Error::UntrustedCertificate {
            host: host.to_owned(),
            reason: reason.to_owned(),
            proxy: proxy.map(|p| p.url.shown()),
        });
    }
    match proxy {
        Some(p) if has(&["tunnel error: unsuccessful"]) => Some(Error::HostNotFound {
            host: host.to_owned(),
            proxy: Some(shown(p).0),
        }),
        Some(p)
            if has(&NAME_NOT_FOUND)
                || has(&[
                    "connection refused",
                    "failed to create underlying connection",
                    "tcp connect error",
                    "connect timeout",
                    "timed out",
                    "connection reset",
                    "unexpected end of file",
                ]) =>
        {
            let why = if has(&NAME_NOT_FOUND) {
                "its name does not resolve"
            } else if has(&["connection refused"]) {
                "it refused the connection"
            } else if has(&["timeout", "timed out"]) {
                "it did not answer in time"
            } else {
                "the connection to it failed"
            };
            let (proxy, from) = shown(p);
            Some(Error::ProxyUnreachable {
                proxy,
                from,
                why: why.to_owned(),
            })
        }
        None if has(&NAME_NOT_FOUND) => Some(Error::HostNotFound {
            host: host.to_owned(),
            proxy: None,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::proxy_url::ProxyUrl;
    use crate::secret::Sensitive;

    fn proxy(with_password: bool) -> Proxy {
        let url = ProxyUrl::parse("http://me@proxy.corp:3128").unwrap();
        Proxy {
            url: if with_password {
                url.with_password(Sensitive::new("hunter2".to_owned()))
            } else {
                url.without_password()
            },
            from: "HTTPS_PROXY".into(),
        }
    }

    const UNKNOWN_ISSUER: &str = "dispatch failure: io error: client error (Connect): TLS handshake failed: invalid peer certificate: UnknownIssuer";

    #[test]
    fn an_unknown_issuer_says_what_to_do() {
        let e = classify("sts.amazonaws.com", Some(&proxy(false)), UNKNOWN_ISSUER).unwrap();
        assert_eq!(e.code(), "tls_untrusted");
        let m = e.to_string();
        assert!(
            m.contains("sts.amazonaws.com")
                && m.contains("ca-bundle")
                && m.contains("AWS_CA_BUNDLE")
                && m.contains("proxy.corp:3128"),
            "{m}"
        );
    }

    #[test]
    fn a_407_names_the_proxy_and_hides_the_password() {
        let e = classify(
            "sts.amazonaws.com",
            Some(&proxy(true)),
            "client error (Connect): tunnel error: proxy authorization required",
        )
        .unwrap();
        assert_eq!(e.code(), "proxy_auth_required");
        let m = e.to_string();
        assert!(
            m.contains("http://me:****@proxy.corp:3128")
                && !m.contains("hunter2")
                && m.contains("refused"),
            "{m}"
        );
        let e = classify(
            "h",
            Some(&proxy(false)),
            "tunnel error: proxy authorization required",
        )
        .unwrap();
        assert!(
            e.to_string().contains("asks for a user name and password"),
            "{e}"
        );
    }

    #[test]
    fn an_unreachable_proxy_and_a_name_that_does_not_resolve() {
        let refused = "client error (Connect): tunnel error: failed to create underlying connection: tcp connect error: Connection refused (os error 111)";
        let e = classify("sts.amazonaws.com", Some(&proxy(false)), refused).unwrap();
        assert_eq!(e.code(), "proxy_unreachable");
        assert!(e.to_string().contains("refused the connection"), "{e}");
        let via = classify(
            "sts.nowhere.test",
            Some(&proxy(false)),
            "client error (Connect): tunnel error: unsuccessful",
        )
        .unwrap();
        assert_eq!(via.code(), "host_not_found");
        assert!(
            via.to_string()
                .contains("through the proxy http://me@proxy.corp:3128"),
            "{via}"
        );
        let direct = classify(
            "sts.nowhere.test",
            None,
            "dns error: failed to lookup address information: Name or service not known",
        )
        .unwrap();
        assert_eq!(direct.code(), "host_not_found");
        assert!(direct.to_string().contains("no proxy was used"), "{direct}");
        assert!(classify("h", None, "connection refused").is_none());
    }
}
