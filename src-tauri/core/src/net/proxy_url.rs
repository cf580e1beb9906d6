//! A proxy's address as people write it (`proxy.corp:3128`,
//! `http://user:password@proxy.corp:3128/`), read strictly, and shown with
//! its password masked wherever it is shown: messages, Activity, logs.

use crate::secret::Sensitive;
use std::fmt;

/// An HTTP or HTTPS proxy. `Debug` and [`ProxyUrl::shown`] never show the
/// password.
#[derive(Clone, PartialEq, Eq)]
pub struct ProxyUrl {
    /// `http` or `https` (TLS to the proxy itself).
    scheme: &'static str,
    host: String,
    port: u16,
    user: Option<String>,
    password: Option<Sensitive<String>>,
}

impl ProxyUrl {
    /// Reads `text`; a missing scheme is `http://`, as curl and the AWS CLI
    /// read it, and a missing port is the scheme's.
    pub fn parse(text: &str) -> Result<ProxyUrl, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("is empty".into());
        }
        let with_scheme = if text.contains("://") {
            text.to_owned()
        } else {
            format!("http://{text}")
        };
        let url = url::Url::parse(&with_scheme)
            .map_err(|e| format!("'{}' is not a proxy URL: {e}", mask_text(text)))?;
        let scheme = match url.scheme() {
            "http" => "http",
            "https" => "https",
            s if s.starts_with("socks") => {
                return Err(format!(
                    "'{}' is a SOCKS proxy; RoleTray speaks to HTTP proxies (http:// or https://) only",
                    mask_text(text)
                ));
            }
            s => {
                return Err(format!(
                    "the scheme {s}:// is not a proxy's; use http:// or https://"
                ));
            }
        };
        let host = url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| format!("'{}' names no host", mask_text(text)))?
            .to_owned();
        if !matches!(url.path(), "" | "/") || url.query().is_some() {
            return Err(format!(
                "'{}' has a path; a proxy is only scheme://host:port",
                mask_text(text)
            ));
        }
        let port = url
            .port()
            .unwrap_or(if scheme == "https" { 443 } else { 80 });
        // Percent-decoding of the user info; a `+` there is a plus (form
        // decoding, used here, would read it as a space).
        let decode = |s: &str| {
            let s = s.replace('+', "%2B");
            url::form_urlencoded::parse(format!("x={s}").as_bytes())
                .next()
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default()
        };
        let user = Some(decode(url.username())).filter(|u| !u.is_empty());
        let password = url.password().map(|p| Sensitive::new(decode(p)));
        Ok(ProxyUrl {
            scheme,
            host,
            port,
            user,
            password,
        })
    }

    /// `host:port`, for messages.
    pub fn address(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }

    pub fn host(&self) -> &str {
        &self.host
    }

    pub fn user(&self) -> Option<&str> {
        self.user.as_deref()
    }

    pub fn has_password(&self) -> bool {
        self.password.is_some()
    }

    /// The same proxy with `password` for its user.
    pub fn with_password(mut self, password: Sensitive<String>) -> ProxyUrl {
        self.password = Some(password);
        self
    }

    /// The same proxy with no password (what settings keep).
    pub fn without_password(mut self) -> ProxyUrl {
        self.password = None;
        self
    }

    /// `scheme://host:port`, with no credentials.
    pub fn bare(&self) -> String {
        format!("{}://{}", self.scheme, self.address())
    }

    /// The URL as a person may see it: `http://user:****@host:port`.
    pub fn shown(&self) -> String {
        match (&self.user, &self.password) {
            (Some(u), Some(_)) => format!("{}://{u}:****@{}", self.scheme, self.address()),
            (Some(u), None) => format!("{}://{u}@{}", self.scheme, self.address()),
            (None, _) => self.bare(),
        }
    }

    /// The user and password to give the proxy, if any.
    pub fn credentials(&self) -> Option<(&str, &Sensitive<String>)> {
        Some((self.user.as_deref()?, self.password.as_ref()?))
    }
}

impl fmt::Debug for ProxyUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown())
    }
}

/// `text` (a proxy URL as given, maybe unreadable) with anything between
/// `://` and `@` after the first `:` masked: `http://u:****@host`.
pub fn mask_text(text: &str) -> String {
    let (scheme, rest) = match text.split_once("://") {
        Some((s, r)) => (format!("{s}://"), r),
        None => (String::new(), text),
    };
    match rest.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or_default();
            if userinfo.contains(':') {
                format!("{scheme}{user}:****@{host}")
            } else {
                format!("{scheme}{user}@{host}")
            }
        }
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_people_write() {
        let p = ProxyUrl::parse("proxy.corp:3128").unwrap();
        assert_eq!(p.shown(), "http://proxy.corp:3128");
        let p = ProxyUrl::parse("https://proxy.corp").unwrap();
        assert_eq!(p.address(), "proxy.corp:443");
        let p = ProxyUrl::parse("http://me%40corp:s%3Acret@proxy.corp:8080/").unwrap();
        assert_eq!(p.user(), Some("me@corp"));
        assert_eq!(p.credentials().unwrap().1.expose(), "s:cret");
        assert_eq!(p.shown(), "http://me@corp:****@proxy.corp:8080");
        let plus = ProxyUrl::parse("http://u:a+b@proxy.corp:1").unwrap();
        assert_eq!(plus.credentials().unwrap().1.expose(), "a+b");
        assert!(!format!("{p:?}").contains("cret"));
    }

    #[test]
    fn refuses_what_is_not_an_http_proxy_without_echoing_a_password() {
        let e = ProxyUrl::parse("socks5://u:hunter2@proxy:1080").unwrap_err();
        assert!(e.contains("SOCKS") && !e.contains("hunter2"), "{e}");
        assert!(ProxyUrl::parse("ftp://proxy:21").is_err());
        assert!(ProxyUrl::parse("http://proxy:3128/path").is_err());
        assert!(ProxyUrl::parse("").is_err());
        let e = ProxyUrl::parse("http://u:hunter2@").unwrap_err();
        assert!(!e.contains("hunter2"), "{e}");
    }

    #[test]
    fn masks_text_it_cannot_read() {
        assert_eq!(mask_text("http://u:p@h:1"), "http://u:****@h:1");
        assert_eq!(mask_text("u@h"), "u@h");
        assert_eq!(mask_text("h:1"), "h:1");
    }
}
