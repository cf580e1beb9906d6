//! Who may ask the endpoint for credentials. A request must name a loopback
//! host with the endpoint's own port (so a web page cannot reach it through
//! DNS rebinding), must not come from a browser page, and must carry, as its
//! whole `Authorization` header, the token of the role it asks for,
//! compared in constant time.
//!
//! Each run draws a random secret. A token is `v2.EXPIRES.MAC`, MAC being
//! HMAC-SHA256(secret, role, the role's identity, EXPIRES): whoever holds
//! one (a job given the two variables) can fetch that role only, only while
//! the role is the same role (its ARN and where its credentials come from),
//! and only until EXPIRES (Unix seconds; the `endpoint-token-lifetime`
//! setting, 12 hours by default). The secret itself stays in RoleTray.

use crate::error::{Error, Result};
use crate::secret::Sensitive;
use hmac::{Hmac, KeyInit, Mac};
use hyper::header::{AUTHORIZATION, HOST, HeaderMap, HeaderValue, ORIGIN};
use sha2::Sha256;
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, Zeroizing};

/// Random bytes in a run's secret (written as twice as many hex digits).
pub const SECRET_BYTES: usize = 32;

/// A fresh secret from the operating system's random number generator.
pub fn new_secret() -> Result<Sensitive<String>> {
    let mut bytes = Zeroizing::new([0u8; SECRET_BYTES]);
    getrandom::fill(bytes.as_mut_slice()).map_err(|e| {
        Error::io(
            "cannot draw a random secret",
            std::io::Error::other(e.to_string()),
        )
    })?;
    Ok(Sensitive::new(hex(bytes.as_slice())))
}

/// What a token opens, and until when.
#[derive(Debug, Clone, Copy)]
pub struct Grant<'a> {
    pub role: &'a str,
    /// [`Config::identity`](crate::config::Config::identity) of the role.
    pub identity: &'a str,
    /// Unix seconds.
    pub expires: i64,
}

const TOKEN_VERSION: &str = "v2";

/// The token for `grant` under a run's `secret`: `v2.EXPIRES.` and 64 hex digits.
pub fn issue(secret: &Sensitive<String>, grant: Grant<'_>) -> Result<Sensitive<String>> {
    let mac = mac(secret, grant)?;
    Ok(Sensitive::new(format!(
        "{TOKEN_VERSION}.{}.{}",
        grant.expires,
        mac.expose()
    )))
}

fn mac(secret: &Sensitive<String>, grant: Grant<'_>) -> Result<Sensitive<String>> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.expose().as_bytes())
        .map_err(|_| Error::invalid("endpoint", "the secret cannot key a MAC"))?;
    mac.update(b"roletray endpoint token v2\0");
    for part in [grant.role, grant.identity, &grant.expires.to_string()] {
        mac.update(&(part.len() as u64).to_be_bytes());
        mac.update(part.as_bytes());
    }
    let mut digest: [u8; 32] = mac.finalize().into_bytes().into();
    let token = hex(&digest);
    digest.zeroize();
    Ok(Sensitive::new(token))
}

/// The token that asks the running endpoint for a new secret: only whoever
/// reads `endpoint.json` (the user) can make it.
pub fn rotation_token(secret: &Sensitive<String>) -> Result<Sensitive<String>> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.expose().as_bytes())
        .map_err(|_| Error::invalid("endpoint", "the secret cannot key a MAC"))?;
    mac.update(b"roletray endpoint rotate\0");
    let mut digest: [u8; 32] = mac.finalize().into_bytes().into();
    let token = hex(&digest);
    digest.zeroize();
    Ok(Sensitive::new(format!("rotate.{token}")))
}

/// Checks a token a client `given` for `role` (whose identity is now
/// `identity`) at Unix time `now`: the MAC first (in constant time), then
/// the expiry, so an expired token is told apart only when it is genuine.
pub fn verify(
    secret: &Sensitive<String>,
    role: &str,
    identity: &str,
    now: i64,
    given: &[u8],
) -> Result<(), Refusal> {
    let given = std::str::from_utf8(given).map_err(|_| Refusal::WrongToken)?;
    let mut parts = given.splitn(3, '.');
    let (Some(TOKEN_VERSION), Some(expires), Some(_)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(Refusal::WrongToken);
    };
    let expires: i64 = expires.parse().map_err(|_| Refusal::WrongToken)?;
    let grant = Grant {
        role,
        identity,
        expires,
    };
    let want = issue(secret, grant).map_err(|_| Refusal::WrongToken)?;
    if !token_matches(given.as_bytes(), &want) {
        return Err(Refusal::WrongToken);
    }
    if now >= expires {
        return Err(Refusal::Expired);
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// Why a request was turned away. None of them says anything about a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// `Host` is missing, repeated, or not a loopback name with our port.
    Host,
    /// The request carries an `Origin`: a browser page sent it.
    Browser,
    /// No `Authorization` header.
    MissingToken,
    /// An `Authorization` header that is not exactly the role's token (or several).
    WrongToken,
    /// The role's token, past its lifetime.
    Expired,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Refusal::Host => "forbidden_host",
            Refusal::Browser => "forbidden_origin",
            Refusal::MissingToken => "missing_token",
            Refusal::WrongToken => "wrong_token",
            Refusal::Expired => "token_expired",
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
            Refusal::WrongToken => {
                "the Authorization header does not hold this endpoint's token for the role"
            }
            Refusal::Expired => {
                "this token has expired: get a new one with `roletray export ROLE --live` (or \"Copy live export lines\" in RoleTray)"
            }
        }
    }
}

/// Checks what a request's headers must be whatever it asks for: one
/// loopback `Host` with our port, no `Origin`, exactly one `Authorization`
/// (returned, for [`token_matches`] once the role is known).
pub fn check(headers: &HeaderMap, port: u16) -> Result<&HeaderValue, Refusal> {
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
        (Some(value), None) => Ok(value),
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

/// Exact, constant-time comparison of what a client sent with a token.
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
    fn secrets_are_long_and_random_and_tokens_are_per_role() {
        let a = new_secret().unwrap();
        let b = new_secret().unwrap();
        assert_eq!(a.expose().len(), 2 * SECRET_BYTES);
        assert!(a.expose().chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
        let grant = |role, identity, expires| Grant {
            role,
            identity,
            expires,
        };
        let dev = issue(&a, grant("dev", "source me AKIA\nrole dev arn1", 2_000)).unwrap();
        assert!(dev.expose().starts_with("v2.2000."));
        assert_eq!(dev.expose().len(), "v2.2000.".len() + 64);
        let same = issue(&a, grant("dev", "source me AKIA\nrole dev arn1", 2_000)).unwrap();
        assert_eq!(dev, same);
        for other in [
            issue(&a, grant("prod", "source me AKIA\nrole dev arn1", 2_000)),
            issue(&a, grant("dev", "source me AKIA\nrole dev arn2", 2_000)),
            issue(&b, grant("dev", "source me AKIA\nrole dev arn1", 2_000)),
        ] {
            assert_ne!(dev, other.unwrap());
        }
        assert!(!dev.expose().contains(a.expose().as_str()));
    }

    // A token opens its role while the role is the same role, until it expires;
    // a forged expiry breaks the MAC.
    #[test]
    fn tokens_are_bound_to_the_identity_and_expire() {
        let secret = new_secret().unwrap();
        let id = "source me AKIA\nrole dev arn:aws:iam::123456789012:role/dev";
        let grant = Grant {
            role: "dev",
            identity: id,
            expires: 1_000,
        };
        let token = issue(&secret, grant).unwrap();
        let t = token.expose().as_bytes();
        assert_eq!(verify(&secret, "dev", id, 999, t), Ok(()));
        assert_eq!(verify(&secret, "dev", id, 1_000, t), Err(Refusal::Expired));
        let other_arn = "source me AKIA\nrole dev arn:aws:iam::999999999999:role/dev";
        assert_eq!(
            verify(&secret, "dev", other_arn, 999, t),
            Err(Refusal::WrongToken)
        );
        assert_eq!(verify(&secret, "ops", id, 999, t), Err(Refusal::WrongToken));
        let forged = token.expose().replacen("v2.1000.", "v2.9000.", 1);
        assert_eq!(
            verify(&secret, "dev", id, 1_500, forged.as_bytes()),
            Err(Refusal::WrongToken)
        );
        let other = new_secret().unwrap();
        assert_eq!(verify(&other, "dev", id, 999, t), Err(Refusal::WrongToken));
        for junk in ["", "v2", "v2.x.y", "v1.1000.abc", "abc"] {
            assert_eq!(
                verify(&secret, "dev", id, 0, junk.as_bytes()),
                Err(Refusal::WrongToken)
            );
        }
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
        let good_host = ("host", "127.0.0.1:9");
        let check = |pairs: &[(&'static str, &str)]| {
            let h = headers(pairs);
            check(&h, 9).map(|v| v.as_bytes().to_vec())
        };
        assert_eq!(
            check(&[good_host, ("authorization", "abc123")]),
            Ok(b"abc123".to_vec())
        );
        assert_eq!(check(&[good_host]), Err(Refusal::MissingToken));
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
    }
}
