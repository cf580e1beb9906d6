//! Who may ask the endpoint for credentials. A request must name a loopback
//! host with the endpoint's own port (so a web page cannot reach it through
//! DNS rebinding), must not come from a browser page, and must carry this
//! run's token as its whole `Authorization` header, compared in constant time.

use crate::error::{Error, Result};
use crate::secret::Sensitive;
use hyper::header::{AUTHORIZATION, HOST, HeaderMap, ORIGIN};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

/// Random bytes in a token (it is written as twice as many hex digits).
pub const TOKEN_BYTES: usize = 32;

/// A fresh token from the operating system's random number generator.
pub fn new_token() -> Result<Sensitive<String>> {
    let mut bytes = Zeroizing::new([0u8; TOKEN_BYTES]);
    getrandom::fill(bytes.as_mut_slice()).map_err(|e| {
        Error::io(
            "cannot draw a random token",
            std::io::Error::other(e.to_string()),
        )
    })?;
    let mut hex = String::with_capacity(TOKEN_BYTES * 2);
    for b in bytes.iter() {
        hex.push(char::from(HEX[usize::from(b >> 4)]));
        hex.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    Ok(Sensitive::new(hex))
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Why a request was turned away. None of them says anything about the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// `Host` is missing, repeated, or not a loopback name with our port.
    Host,
    /// The request carries an `Origin`: a browser page sent it.
    Browser,
    /// No `Authorization` header.
    MissingToken,
    /// An `Authorization` header that is not exactly the token (or several).
    WrongToken,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Refusal::Host => "forbidden_host",
            Refusal::Browser => "forbidden_origin",
            Refusal::MissingToken => "missing_token",
            Refusal::WrongToken => "wrong_token",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            Refusal::Host => {
                "requests must be addressed to 127.0.0.1, localhost or [::1] with this endpoint's port"
            }
            Refusal::Browser => "requests from web pages are refused",
            Refusal::MissingToken => {
                "the Authorization header is missing: set AWS_CONTAINER_AUTHORIZATION_TOKEN"
            }
            Refusal::WrongToken => "the Authorization header does not hold this endpoint's token",
        }
    }
}

/// Checks a request's headers: host first, then origin, then token.
pub fn check(headers: &HeaderMap, port: u16, token: &Sensitive<String>) -> Result<(), Refusal> {
    let mut hosts = headers.get_all(HOST).iter();
    match (hosts.next(), hosts.next()) {
        (Some(host), None) if host_is_loopback(host.as_bytes(), port) => {}
        _ => return Err(Refusal::Host),
    }
    if headers.contains_key(ORIGIN) {
        return Err(Refusal::Browser);
    }
    let mut given = headers.get_all(AUTHORIZATION).iter();
    match (given.next(), given.next()) {
        (None, _) => Err(Refusal::MissingToken),
        (Some(value), None) if token_matches(value.as_bytes(), token) => Ok(()),
        _ => Err(Refusal::WrongToken),
    }
}

/// Whether a `Host` header names this endpoint on loopback: `127.0.0.1:PORT`,
/// `localhost:PORT` or `[::1]:PORT` (the port may be left out only when it is 80).
pub fn host_is_loopback(host: &[u8], port: u16) -> bool {
    let Ok(host) = std::str::from_utf8(host) else {
        return false;
    };
    ["127.0.0.1", "localhost", "[::1]"].iter().any(|name| {
        host.eq_ignore_ascii_case(&format!("{name}:{port}"))
            || (port == 80 && host.eq_ignore_ascii_case(name))
    })
}

/// Exact, constant-time comparison of what a client sent with the token.
pub fn token_matches(given: &[u8], token: &Sensitive<String>) -> bool {
    given.ct_eq(token.expose().as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyper::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn tokens_are_long_random_and_hex() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert_eq!(a.expose().len(), 2 * TOKEN_BYTES);
        assert!(a.expose().chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn only_loopback_names_with_our_port_are_accepted() {
        for ok in [
            "127.0.0.1:4242",
            "localhost:4242",
            "LOCALHOST:4242",
            "[::1]:4242",
        ] {
            assert!(host_is_loopback(ok.as_bytes(), 4242), "{ok}");
        }
        for bad in [
            "127.0.0.1:4243",
            "127.0.0.1",
            "localhost",
            "evil.example:4242",
            "localhost.evil.example:4242",
            "127.0.0.2:4242",
            "0.0.0.0:4242",
            "[::1]",
            "127.0.0.1:4242 ",
            "127.0.0.1:04242",
            "",
        ] {
            assert!(!host_is_loopback(bad.as_bytes(), 4242), "{bad}");
        }
        assert!(host_is_loopback(b"localhost", 80));
        assert!(!host_is_loopback(&[0xff, b':', b'1'], 1));
    }

    #[test]
    fn the_token_must_match_exactly() {
        let token = Sensitive::from("abc123");
        assert!(token_matches(b"abc123", &token));
        for bad in [
            &b"abc12"[..],
            b"abc1234",
            b"ABC123",
            b"Bearer abc123",
            b" abc123",
            b"",
        ] {
            assert!(!token_matches(bad, &token), "{bad:?}");
        }
    }

    #[test]
    fn checks_come_in_order_and_name_no_secret() {
        let token = Sensitive::from("abc123");
        let good_host = ("host", "127.0.0.1:9");
        let check = |pairs: &[(&'static str, &str)]| check(&headers(pairs), 9, &token);
        assert_eq!(check(&[good_host, ("authorization", "abc123")]), Ok(()));
        assert_eq!(check(&[good_host]), Err(Refusal::MissingToken));
        assert_eq!(
            check(&[good_host, ("authorization", "nope")]),
            Err(Refusal::WrongToken)
        );
        assert_eq!(
            check(&[
                good_host,
                ("authorization", "abc123"),
                ("authorization", "abc123")
            ]),
            Err(Refusal::WrongToken)
        );
        assert_eq!(
            check(&[("host", "evil.example:9"), ("authorization", "abc123")]),
            Err(Refusal::Host)
        );
        assert_eq!(check(&[("authorization", "abc123")]), Err(Refusal::Host));
        assert_eq!(
            check(&[
                good_host,
                ("host", "localhost:9"),
                ("authorization", "abc123")
            ]),
            Err(Refusal::Host)
        );
        assert_eq!(
            check(&[
                good_host,
                ("origin", "http://evil.example"),
                ("authorization", "abc123")
            ]),
            Err(Refusal::Browser)
        );
        for r in [
            Refusal::Host,
            Refusal::Browser,
            Refusal::MissingToken,
            Refusal::WrongToken,
        ] {
            assert!(!r.message().contains("abc123"));
        }
    }
}
