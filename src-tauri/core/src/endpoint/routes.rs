//! The endpoint's paths: `GET /roles/NAME` for a role's credentials (NAME
//! percent-encoded, so an Identity Center role's `acme/123456789012/Admin`
//! is one segment) and `POST /rotate` for a new secret.

use crate::sso::SsoTarget;
use crate::validate;

/// Where the holder of the endpoint file asks for a new secret.
pub const ROTATE_PATH: &str = "/rotate";

/// The path of `role` on the endpoint: `/roles/NAME`, with every byte
/// outside `[A-Za-z0-9._-]` percent-encoded (an Identity Center role's
/// `acme/123456789012/Admin` is one path segment).
pub fn role_path(role: &str) -> String {
    format!("/roles/{}", crate::files::encode_name(role))
}

/// `NAME` of `/roles/NAME` (percent-decoded), when it is a possible role
/// name: one a person gives, or an Identity Center role's.
pub(super) fn role_of(path: &str) -> Option<String> {
    let encoded = path.strip_prefix("/roles/")?;
    if encoded.contains('/') {
        return None;
    }
    let mut bytes = Vec::with_capacity(encoded.len());
    let mut rest = encoded.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'%' {
            let hex = std::str::from_utf8(tail.get(..2)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(b);
            rest = tail;
        }
    }
    let name = String::from_utf8(bytes).ok()?;
    (validate::name("role", &name).is_ok() || SsoTarget::parse(&name).is_some()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_role_paths_are_routed() {
        assert_eq!(role_of("/roles/dev").as_deref(), Some("dev"));
        assert_eq!(role_of("/roles/my.role-2").as_deref(), Some("my.role-2"));
        let sso = "acme/123456789012/Admin+Ops";
        assert_eq!(role_path(sso), "/roles/acme%2F123456789012%2FAdmin%2BOps");
        assert_eq!(role_of(&role_path(sso)).as_deref(), Some(sso));
        for bad in [
            "/roles/",
            "/roles/a/b",
            "/role/dev",
            "/",
            "/roles/..",
            "/roles/%2e",
            "/roles/a%2Fb",
            "/roles/%zz",
            "/roles/acme%2F123%2FAdmin",
        ] {
            assert_eq!(role_of(bad), None, "{bad}");
        }
    }
}
