//! AWS's own rules for every field RoleTray sends, checked before any call so
//! the user gets a message naming the field instead of an opaque AWS error.

use crate::error::{Error, Result};

/// The shortest session AWS allows.
pub const MIN_DURATION: u32 = 900;
/// The longest role session AWS allows (the role's own maximum may be lower).
pub const MAX_DURATION: u32 = 43_200;
/// AWS caps a session assumed with another role's credentials at one hour.
pub const CHAINED_MAX_DURATION: u32 = 3_600;

/// The partitions an IAM role ARN can live in.
pub const PARTITIONS: [&str; 3] = ["aws", "aws-cn", "aws-us-gov"];

fn check_len(field: &str, value: &str, min: usize, max: usize) -> Result<()> {
    let n = value.chars().count();
    if n < min || n > max {
        return Err(Error::invalid(
            field,
            format!("must be {min} to {max} characters long (got {n})"),
        ));
    }
    Ok(())
}

fn check_chars(field: &str, value: &str, allowed: &str, ok: impl Fn(char) -> bool) -> Result<()> {
    match value.chars().find(|c| !ok(*c)) {
        Some(c) => Err(Error::invalid(
            field,
            format!("'{}' is not allowed; use {allowed}", c.escape_default()),
        )),
        None => Ok(()),
    }
}

/// `\w` as AWS means it in its patterns: ASCII letters, digits and underscore.
fn word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// A role ARN: `arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME`.
pub fn role_arn(value: &str) -> Result<()> {
    const FIELD: &str = "role_arn";
    check_len(FIELD, value, 20, 2048)?;
    let parts: Vec<&str> = value.splitn(6, ':').collect();
    let [arn, partition, service, region, account, resource] = parts.as_slice() else {
        return Err(Error::invalid(
            FIELD,
            "must look like arn:aws:iam::123456789012:role/NAME",
        ));
    };
    if *arn != "arn" {
        return Err(Error::invalid(FIELD, "must start with 'arn:'"));
    }
    if !PARTITIONS.contains(partition) {
        return Err(Error::invalid(
            FIELD,
            format!("partition '{partition}' is not one of aws, aws-cn, aws-us-gov"),
        ));
    }
    if *service != "iam" {
        return Err(Error::invalid(
            FIELD,
            format!("service must be 'iam', not '{service}'"),
        ));
    }
    if !region.is_empty() {
        return Err(Error::invalid(
            FIELD,
            "IAM ARNs have no region: use arn:aws:iam::ACCOUNT:role/NAME",
        ));
    }
    account_id("role_arn account", account)?;
    let Some(path_and_name) = resource.strip_prefix("role/") else {
        return Err(Error::invalid(
            FIELD,
            format!("resource must be role/NAME, not '{resource}'"),
        ));
    };
    let (path, name) = match path_and_name.rfind('/') {
        Some(i) => (&path_and_name[..=i], &path_and_name[i + 1..]),
        None => ("", path_and_name),
    };
    if !path.is_empty() {
        check_len("role_arn path", path, 1, 512)?;
        check_chars("role_arn path", path, "printable ASCII", |c| {
            ('!'..='~').contains(&c)
        })?;
    }
    check_len("role_arn role name", name, 1, 64)?;
    check_chars(
        "role_arn role name",
        name,
        "letters, digits and + = , . @ _ -",
        |c| word(c) || "+=,.@-".contains(c),
    )
}

/// A 12-digit AWS account id.
pub fn account_id(field: &str, value: &str) -> Result<()> {
    if value.len() != 12 || !value.chars().all(|c| c.is_ascii_digit()) {
        return Err(Error::invalid(
            field,
            format!("'{value}' is not a 12-digit AWS account id"),
        ));
    }
    Ok(())
}

/// The partition of a role ARN that [`role_arn`] accepted.
pub fn partition_of(role_arn: &str) -> &str {
    role_arn.split(':').nth(1).unwrap_or("aws")
}

/// RoleSessionName: 2-64 characters of `[\w+=,.@-]`.
pub fn session_name(value: &str) -> Result<()> {
    check_len("session_name", value, 2, 64)?;
    check_chars(
        "session_name",
        value,
        "letters, digits and + = , . @ _ -",
        |c| word(c) || "+=,.@-".contains(c),
    )
}

/// ExternalId: 2-1224 characters of `[\w+=,.@:/-]`.
pub fn external_id(value: &str) -> Result<()> {
    check_len("external_id", value, 2, 1224)?;
    check_chars(
        "external_id",
        value,
        "letters, digits and + = , . @ : / _ -",
        |c| word(c) || "+=,.@:/-".contains(c),
    )
}

/// DurationSeconds: 900-43200, and at most 3600 for a chained role.
pub fn duration(value: u32) -> Result<()> {
    if !(MIN_DURATION..=MAX_DURATION).contains(&value) {
        return Err(Error::invalid(
            "duration",
            format!("must be {MIN_DURATION} to {MAX_DURATION} seconds (got {value})"),
        ));
    }
    Ok(())
}

/// SerialNumber of an MFA device: 9-256 characters of `[\w+=/:,.@-]`.
pub fn mfa_serial(value: &str) -> Result<()> {
    check_len("mfa_serial", value, 9, 256)?;
    check_chars(
        "mfa_serial",
        value,
        "letters, digits and + = / : , . @ _ -",
        |c| word(c) || "+=/:,.@-".contains(c),
    )
}

/// TokenCode: exactly six digits.
pub fn mfa_code(value: &str) -> Result<()> {
    if value.len() != 6 || !value.chars().all(|c| c.is_ascii_digit()) {
        return Err(Error::invalid("mfa_code", "must be exactly 6 digits"));
    }
    Ok(())
}

/// An access key id: 16-128 word characters; a temporary (ASIA) key is refused.
pub fn access_key_id(value: &str) -> Result<()> {
    check_len("access_key_id", value, 16, 128)?;
    check_chars("access_key_id", value, "letters, digits and _", word)?;
    if value.starts_with("ASIA") {
        return Err(Error::invalid(
            "access_key_id",
            "ASIA... is a temporary key; a source needs an IAM user's long-lived key (AKIA...)",
        ));
    }
    Ok(())
}

/// A secret access key: 16-128 printable ASCII characters without spaces.
///
/// The error never echoes the value: not a character of it, not its length
/// (either would leak part of a secret into a terminal, a log or a screen).
pub fn secret_access_key(value: &str) -> Result<()> {
    let n = value.chars().count();
    let printable = value.chars().all(|c| ('!'..='~').contains(&c));
    if (16..=128).contains(&n) && printable {
        return Ok(());
    }
    Err(Error::invalid(
        "secret_access_key",
        "is not a secret access key: AWS secret keys are 16 to 128 printable ASCII \
         characters without spaces (usually 40); paste it again as the AWS console shows it",
    ))
}

/// A region name such as `eu-west-1`, `cn-north-1` or `us-gov-west-1`.
pub fn region(value: &str) -> Result<()> {
    check_len("region", value, 4, 32)?;
    check_chars("region", value, "lower-case letters, digits and -", |c| {
        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
    })?;
    if value.starts_with('-') || value.ends_with('-') || !value.contains('-') {
        return Err(Error::invalid(
            "region",
            format!("'{value}' is not a region name such as eu-west-1"),
        ));
    }
    Ok(())
}

/// A console sign-in federation endpoint: `https://...`, or `http://` on a
/// loopback host only (a local stand-in), with no query or fragment:
/// credentials are sent to it.
pub fn federation_url(value: &str) -> Result<url::Url> {
    const FIELD: &str = "federation-url";
    let url = url::Url::parse(value)
        .map_err(|e| Error::invalid(FIELD, format!("'{value}' is not a URL: {e}")))?;
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" if url.host().is_some() => {}
        "http" if loopback => {}
        "http" => {
            return Err(Error::invalid(
                FIELD,
                "must use https (plain http only to a loopback address)",
            ));
        }
        _ => return Err(Error::invalid(FIELD, "must be an https:// URL")),
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(Error::invalid(
            FIELD,
            "must not carry a query, a fragment or a user name",
        ));
    }
    Ok(url)
}

/// A profile name in the AWS credentials file: 1-64 characters, none of them
/// white space, a control character or one of `[ ] # ;`.
pub fn profile_name(value: &str) -> Result<()> {
    check_len("profile", value, 1, 64)?;
    check_chars("profile", value, "no spaces, brackets, # or ;", |c| {
        !(c.is_whitespace() || c.is_control() || "[]#;".contains(c))
    })
}

/// RoleTray's names for sources and roles: 1-64 of `[A-Za-z0-9_.-]`, starting
/// with a letter or digit, so they are safe in menus, file names and profiles.
pub fn name(field: &str, value: &str) -> Result<()> {
    check_len(field, value, 1, 64)?;
    check_chars(field, value, "letters, digits and . _ -", |c| {
        c.is_ascii_alphanumeric() || "._-".contains(c)
    })?;
    if !value.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return Err(Error::invalid(field, "must start with a letter or a digit"));
    }
    Ok(())
}

/// An Identity Center start URL (the access portal): https, with a host.
pub fn start_url(value: &str) -> Result<()> {
    const FIELD: &str = "start_url";
    let url = url::Url::parse(value)
        .map_err(|e| Error::invalid(FIELD, format!("'{value}' is not a URL: {e}")))?;
    let loopback = matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
    if url.scheme() != "https" && !(url.scheme() == "http" && loopback) {
        return Err(Error::invalid(
            FIELD,
            "must be an https URL, such as https://d-1234567890.awsapps.com/start",
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(Error::invalid(FIELD, "has no host"));
    }
    if value.len() > 2048 {
        return Err(Error::invalid(FIELD, "is longer than 2048 characters"));
    }
    Ok(())
}

/// An Identity Center registration scope, such as `sso:account:access`.
pub fn sso_scope(value: &str) -> Result<()> {
    if value.is_empty()
        || value.len() > 256
        || !value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ":._-/".contains(c))
    {
        return Err(Error::invalid(
            "scopes",
            format!("'{value}' is not a scope such as sso:account:access"),
        ));
    }
    Ok(())
}

/// A role name as Identity Center names them (its permission sets):
/// 1-32 of letters, digits and `+=,.@-_`.
pub fn sso_role_name(value: &str) -> Result<()> {
    if value.is_empty()
        || value.chars().count() > 32
        || !value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+=,.@-_".contains(c))
    {
        return Err(Error::invalid(
            "role_name",
            format!(
                "'{value}' is not a permission set's name (1-32 of letters, digits and +=,.@-_)"
            ),
        ));
    }
    Ok(())
}

/// A session name that satisfies the rules, from the user's login name.
pub fn default_session_name(user: Option<&str>) -> String {
    let user: String = user
        .unwrap_or_default()
        .chars()
        .filter(|c| word(*c) || "+=,.@-".contains(*c))
        .take(64 - "roletray-".len())
        .collect();
    if user.is_empty() {
        "roletray".to_owned()
    } else {
        format!("roletray-{user}")
    }
}

/// Checks one form field against the same rules as the CLI; `None` when valid.
pub fn field(field: &str, value: &str) -> Option<Error> {
    let r = match field {
        "role_arn" => role_arn(value),
        "session_name" => session_name(value),
        "external_id" => external_id(value),
        "duration" => match value.parse::<u32>() {
            Ok(d) => duration(d),
            Err(_) => Err(Error::invalid(
                "duration",
                "must be a whole number of seconds",
            )),
        },
        "mfa_serial" => mfa_serial(value),
        "mfa_code" => mfa_code(value),
        "region" => region(value),
        "name" => name("name", value),
        "access_key_id" => access_key_id(value),
        "profile" => profile_name(value),
        "start_url" => start_url(value),
        "environment" => crate::environment::validate_label(value),
        "mfa_command" => crate::mfa_code::MfaCommand::parse(value).map(drop),
        other => Err(Error::invalid(other, "is not a field RoleTray knows")),
    };
    r.err()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn federation_urls_are_https_or_loopback_http() {
        for ok in [
            "https://signin.aws.amazon.com/federation",
            "http://127.0.0.1:8080/federation",
            "http://localhost:1/f",
            "http://[::1]:9/federation",
        ] {
            assert!(federation_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://signin.aws.amazon.com/federation",
            "http://127.0.0.1.example.com/federation",
            "ftp://127.0.0.1/x",
            "https://signin.aws.amazon.com/federation?Action=x",
            "https://user@signin.aws.amazon.com/federation",
            "signin.aws.amazon.com",
        ] {
            assert!(federation_url(bad).is_err(), "{bad}");
        }
    }

    fn field_of(r: Result<()>) -> String {
        match r {
            Err(Error::InvalidInput { field, .. }) => field,
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }

    #[test]
    fn role_arns_follow_aws_rules() {
        for ok in [
            "arn:aws:iam::123456789012:role/dev",
            "arn:aws-cn:iam::123456789012:role/path/to/Dev+Ops=1,x.y@z-w_",
            "arn:aws-us-gov:iam::123456789012:role/a",
        ] {
            assert!(role_arn(ok).is_ok(), "{ok}");
        }
        for (bad, field) in [
            ("arn:aws:iam::12345678901:role/dev", "role_arn account"),
            ("arn:aws:iam::1234567890123:role/dev", "role_arn account"),
            ("arn:aws:sts::123456789012:role/dev", "role_arn"),
            ("arn:azure:iam::123456789012:role/dev", "role_arn"),
            ("arn:aws:iam:us-east-1:123456789012:role/dev", "role_arn"),
            ("arn:aws:iam::123456789012:user/dev", "role_arn"),
            ("arn:aws:iam::123456789012:role/", "role_arn role name"),
            (
                "arn:aws:iam::123456789012:role/has space",
                "role_arn role name",
            ),
            ("not an arn at all, really", "role_arn"),
            ("short", "role_arn"),
        ] {
            assert_eq!(field_of(role_arn(bad)), field, "{bad}");
        }
        let long = format!("arn:aws:iam::123456789012:role/{}", "a".repeat(65));
        assert_eq!(field_of(role_arn(&long)), "role_arn role name");
    }

    #[test]
    fn session_names_external_ids_and_serials() {
        assert!(session_name("ab").is_ok());
        assert!(session_name(&"a".repeat(64)).is_ok());
        assert!(session_name("a").is_err());
        assert!(session_name(&"a".repeat(65)).is_err());
        assert!(session_name("with space").is_err());
        assert!(session_name("x/y").is_err());
        assert!(external_id("client:ext/id-42").is_ok());
        assert!(external_id("x").is_err());
        assert!(external_id(&"a".repeat(1225)).is_err());
        assert!(external_id("semi;colon").is_err());
        assert!(mfa_serial("arn:aws:iam::123456789012:mfa/me").is_ok());
        assert!(mfa_serial("GAHT1234").is_err());
        assert!(mfa_serial("arn:aws:iam::123456789012:mfa/with space").is_err());
    }

    #[test]
    fn durations_and_mfa_codes() {
        assert!(duration(900).is_ok());
        assert!(duration(43_200).is_ok());
        assert!(duration(899).is_err());
        assert!(duration(43_201).is_err());
        assert!(mfa_code("012345").is_ok());
        for bad in ["12345", "1234567", "12a456", "", "１２３４５６"] {
            assert!(mfa_code(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_malformed_secret_is_never_echoed() {
        // Every malformed secret gets the very same message: none of its
        // characters, and not its length, can be read from it.
        let messages: Vec<String> = [
            "short",
            "has a space in it somewhere",
            "Zq9\u{e9}nonascii-but-long-enough-here",
            &"L".repeat(129),
            "tab\tinside-a-long-enough-secret",
        ]
        .iter()
        .map(|s| secret_access_key(s).unwrap_err().to_string())
        .collect();
        assert!(messages.iter().all(|m| *m == messages[0]), "{messages:?}");
        assert!(!messages[0].contains("129") && !messages[0].contains("Zq9"));
    }

    #[test]
    fn keys_regions_and_names() {
        assert!(access_key_id("AKIAIOSFODNN7EXAMPLE").is_ok());
        assert!(access_key_id("ASIAIOSFODNN7EXAMPLE").is_err());
        assert!(access_key_id("AKIA-short").is_err());
        assert!(secret_access_key("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY").is_ok());
        assert!(secret_access_key("has a space in it somewhere").is_err());
        assert!(region("eu-west-1").is_ok());
        assert!(region("us-gov-west-1").is_ok());
        assert!(region("EU-WEST-1").is_err());
        assert!(region("nowhere").is_err());
        assert!(name("role", "dev.ops_1-a").is_ok());
        assert!(name("role", "-dev").is_err());
        assert!(name("role", "dev ops").is_err());
        assert!(name("role", "").is_err());
    }

    #[test]
    fn default_session_name_always_satisfies_the_rules() {
        for user in [
            None,
            Some(""),
            Some("jo"),
            Some("émile dupont"),
            Some(&"x".repeat(200)[..]),
        ] {
            let s = default_session_name(user);
            assert!(session_name(&s).is_ok(), "{s}");
        }
        assert_eq!(default_session_name(Some("alice")), "roletray-alice");
    }
}
