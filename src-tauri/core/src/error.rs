//! One error type for the core, with a stable machine code per variant.
//!
//! The CLI prints `error[code]: message`; the app sends `{ code, message }` to
//! the page. Codes never change once released: scripts and the UI match on them.

use std::path::PathBuf;

/// What went wrong, in terms a person (and a script) can act on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A field failed AWS's rules or RoleTray's own, before any call was made.
    #[error("{field}: {message}")]
    InvalidInput { field: String, message: String },

    /// The configuration file exists but cannot be read as RoleTray's TOML.
    #[error("{}{}: {message}", path.display(), line.map(|l| format!(" line {l}")).unwrap_or_default())]
    ConfigInvalid {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },

    /// An AWS credentials or config file cannot be parsed; it was left untouched.
    #[error("{}{}: {message} (the file was left untouched)", path.display(), line.map(|l| format!(" line {l}")).unwrap_or_default())]
    AwsFileInvalid {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },

    /// `write-profile` would overwrite a profile holding the user's own
    /// long-lived keys.
    #[error(
        "profile [{profile}] in {} holds long-lived keys (an access key with no session token): RoleTray will not overwrite them; write another --profile, or pass --force to replace them",
        path.display()
    )]
    ProfileHoldsKeys { profile: String, path: PathBuf },

    /// A directory or file RoleTray keeps secrets or locks in is not the
    /// user's alone (another owner, group or world access, a symlink).
    #[error(
        "{} {reason}: RoleTray will not use it, since another user could read or replace what it holds; remove it (RoleTray makes it again, private) or make it yours alone ({})",
        path.display(),
        crate::platform::hints::MAKE_PRIVATE
    )]
    UnsafePath { path: PathBuf, reason: String },

    /// `restore-credentials` found no kept original for the file.
    #[error(
        "no original of {} is kept in the keychain: RoleTray keeps one when it first changes an existing file (write-profile, import --remove-keys), and lets it go after a restore",
        .0.display()
    )]
    NoOriginalKept(PathBuf),

    #[error("no {kind} named '{name}'")]
    NotFound { kind: &'static str, name: String },

    #[error("a {kind} named '{name}' already exists")]
    AlreadyExists { kind: &'static str, name: String },

    /// Something else depends on what the user asked to change or remove.
    #[error("{0}")]
    InUse(String),

    /// No keychain service could be reached (no Secret Service on the bus, ...).
    #[error("the keychain is not available: {0}")]
    KeychainUnavailable(String),

    /// The keychain is there but locked, or it refused access.
    #[error("the keychain is locked or refused access: {0}")]
    KeychainLocked(String),

    /// The keychain is unlocked but did not answer as expected, twice (busy:
    /// another process changing items, a slow answer on a loaded machine).
    #[error(
        "the keychain is busy (it is unlocked, but did not answer as expected): try again in a moment ({0})"
    )]
    KeychainBusy(String),

    /// Any other keychain failure.
    #[error("keychain error: {0}")]
    Keychain(String),

    /// A source exists in the configuration but its secret key is not in the keychain.
    #[error(
        "the secret key of source '{0}' is not in the keychain: add it again with `roletray source add`"
    )]
    SecretMissing(String),

    /// STS refused the request (missing permission, trust policy, wrong external ID).
    #[error("access denied by AWS: {0}")]
    AccessDenied(String),

    #[error("AWS does not recognise the access key id: {0}")]
    InvalidClientToken(String),

    #[error("AWS rejected the request signature; the secret access key is probably wrong: {0}")]
    SignatureMismatch(String),

    #[error("the credentials used have expired: {0}")]
    ExpiredToken(String),

    /// An AWS Sign-In source is not signed in, or its sign-in ended.
    #[error("{0}")]
    SignInEnded(String),

    #[error("cannot reach AWS Sign-In ({endpoint}): {message}")]
    SigninUnreachable { endpoint: String, message: String },

    #[error("AWS Sign-In answered {code}: {message}")]
    Signin { code: String, message: String },

    /// A code from an MFA device is needed and none was given.
    /// `note` says why the device's code command gave none (or is empty).
    #[error("role '{role}' needs a code from MFA device {serial}{note}: pass --mfa-code CODE")]
    MfaRequired {
        role: String,
        serial: String,
        note: String,
    },

    #[error("AWS rejected the MFA code: {0}")]
    InvalidMfaCode(String),

    /// The STS endpoint could not be reached at all (DNS, refused, timeout).
    #[error("cannot reach AWS STS at {endpoint}: {message}")]
    StsUnreachable { endpoint: String, message: String },

    #[error("AWS STS is throttling requests; try again shortly: {0}")]
    Throttled(String),

    /// STS answered with a server error or something that is not an STS answer.
    #[error("AWS STS failed: {0}")]
    StsUnavailable(String),

    /// Any other STS error, with AWS's own code.
    #[error("AWS STS error {code}: {message}")]
    Sts { code: String, message: String },

    /// The user dismissed a prompt (an MFA code, a confirmation).
    #[error("cancelled: {0}")]
    Cancelled(String),

    /// A command that asks the person (`roletray pick`) was run without a
    /// terminal to ask in.
    #[error("{0}")]
    NotATerminal(String),

    /// A command given to `exec` could not be started.
    #[error("cannot run '{program}': {message}")]
    CommandFailed { program: String, message: String },

    /// `export --live` found no running credential endpoint.
    #[error(
        "no RoleTray credential endpoint is running: start one with `roletray serve` (or the tray app)"
    )]
    EndpointNotRunning,

    /// `roletray` with no subcommand could not find the tray app's binary.
    #[error(
        "the RoleTray tray app is not installed: looked for {0}; install the roletray package, or build it with `cargo build -p roletray-app`"
    )]
    AppMissing(String),

    /// The AWS sign-in federation endpoint could not be reached at all.
    #[error("cannot reach the AWS sign-in federation endpoint at {endpoint}: {message}")]
    FederationUnreachable { endpoint: String, message: String },

    /// The federation endpoint refused to give a sign-in token, or answered
    /// something that is not one.
    #[error("AWS console sign-in failed: {0}")]
    Federation(String),

    /// Identity Center's OIDC service or portal cannot be reached.
    #[error("cannot reach Identity Center at {endpoint}: {message}")]
    SsoUnreachable { endpoint: String, message: String },

    /// No usable sign-in: never signed in, signed out, or it ended or was revoked.
    #[error("sign in to Identity Center again: {0}")]
    SsoSignInRequired(String),

    /// The person (or the organisation) refused the sign-in, or it timed out.
    #[error("the Identity Center sign-in did not complete: {0}")]
    SsoSignInRefused(String),

    /// Any other answer of Identity Center, by its code.
    #[error("Identity Center said {code}: {message}")]
    Sso { code: String, message: String },

    /// IAM refused a call the user's key needs permission for.
    #[error("AWS IAM refused {permission}: {message} (the IAM user needs {permission} on itself)")]
    IamDenied { permission: String, message: String },

    /// IAM could not be reached at all.
    #[error("cannot reach AWS IAM at {endpoint}: {message}")]
    IamUnreachable { endpoint: String, message: String },

    /// Any other IAM answer, by its code.
    #[error("AWS IAM error {code}: {message}")]
    Iam { code: String, message: String },

    /// A source's key is not an IAM user's, so IAM cannot tell its life or
    /// replace it.
    #[error(
        "the key of source '{name}' belongs to {arn}, not to an IAM user: only an IAM user's access keys can be read and rotated"
    )]
    NotAnIamUser { name: String, arn: String },

    /// The IAM user already has the two access keys AWS allows.
    #[error("IAM user {user} already has two access keys, AWS's limit; the other one is {other}. Nothing was changed. {}", if *other_active { "It is active, so something may still use it: delete it in IAM once nothing does, then rotate again." } else { "It is inactive: rotate with --delete-inactive-other to delete it first." })]
    KeyLimit {
        user: String,
        other: String,
        other_active: bool,
    },

    /// A new key never worked: it was deleted and the old key kept.
    #[error(
        "the new access key did not work within a minute, so it was deleted and the old key is still the source's: {0}"
    )]
    RotationUnverified(String),

    /// A certificate authority file RoleTray was told to trust cannot be used.
    #[error(
        "the certificate authority file {} (named by {from}) cannot be used: {reason}",
        path.display()
    )]
    CaFileUnusable {
        path: PathBuf,
        from: String,
        reason: String,
    },

    /// The certificate an endpoint presented is not one this computer trusts.
    #[error(
        "the certificate {host} presented{} {reason}: something on the network may have replaced AWS's certificate (a TLS-inspecting proxy such as Zscaler or Netskope?). If your company inspects TLS, get its root CA certificate (a PEM file) from IT and add it: Settings → Network, `roletray config set ca-bundle FILE`, or AWS_CA_BUNDLE",
        proxy.as_ref().map(|p| format!(" (through the proxy {p})")).unwrap_or_default()
    )]
    UntrustedCertificate {
        host: String,
        reason: String,
        proxy: Option<String>,
    },

    /// The proxy answered 407.
    #[error(
        "the proxy {proxy} (set by {from}) {}: give them in Settings → Network, or with `roletray config set proxy http://USER@HOST:PORT` and `roletray network password`{}",
        if *refused { "refused the user name and password given (HTTP 407)" } else { "asks for a user name and password (HTTP 407)" },
        if from.ends_with("_PROXY") || from.ends_with("_proxy") { format!(", or in {from} as http://USER:PASSWORD@HOST:PORT") } else { String::new() }
    )]
    ProxyAuthRequired {
        proxy: String,
        from: String,
        refused: bool,
    },

    /// The proxy itself cannot be reached.
    #[error(
        "cannot reach the proxy {proxy} (set by {from}): {why}. Check its address, or choose another (or none) in Settings → Network or with `roletray config set proxy`"
    )]
    ProxyUnreachable {
        proxy: String,
        from: String,
        why: String,
    },

    /// An endpoint's name does not resolve (here, or at the proxy).
    #[error("{}", match proxy {
        Some(p) => format!("the proxy {p} could not connect to {host}: the name may not resolve on the proxy's side, or the proxy does not allow it (the call went through the proxy {p})"),
        None => format!("{host} does not resolve on this network, and no proxy was used: check the connection, or, if AWS is reached through a proxy here, set it in Settings → Network or HTTPS_PROXY"),
    })]
    HostNotFound { host: String, proxy: Option<String> },

    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// The stable machine code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidInput { .. } => "invalid_input",
            Error::ConfigInvalid { .. } => "config_invalid",
            Error::AwsFileInvalid { .. } => "aws_file_invalid",
            Error::ProfileHoldsKeys { .. } => "profile_has_keys",
            Error::UnsafePath { .. } => "unsafe_path",
            Error::NotFound { .. } | Error::NoOriginalKept(_) => "not_found",
            Error::AlreadyExists { .. } => "already_exists",
            Error::InUse(_) => "in_use",
            Error::KeychainUnavailable(_) => "keychain_unavailable",
            Error::KeychainLocked(_) => "keychain_locked",
            Error::KeychainBusy(_) => "keychain_busy",
            Error::Keychain(_) => "keychain_error",
            Error::SecretMissing(_) => "secret_missing",
            Error::AccessDenied(_) => "access_denied",
            Error::InvalidClientToken(_) => "invalid_client_token",
            Error::SignatureMismatch(_) => "signature_mismatch",
            Error::ExpiredToken(_) => "expired_token",
            Error::MfaRequired { .. } => "mfa_required",
            Error::SignInEnded(_) => "sign_in_required",
            Error::SigninUnreachable { .. } => "signin_unreachable",
            Error::Signin { .. } => "signin_error",
            Error::InvalidMfaCode(_) => "invalid_mfa_code",
            Error::StsUnreachable { .. } => "sts_unreachable",
            Error::Throttled(_) => "throttled",
            Error::StsUnavailable(_) => "sts_unavailable",
            Error::Sts { .. } => "sts_error",
            Error::Cancelled(_) => "cancelled",
            Error::NotATerminal(_) => "not_a_terminal",
            Error::CommandFailed { .. } => "command_failed",
            Error::EndpointNotRunning => "endpoint_not_running",
            Error::AppMissing(_) => "app_missing",
            Error::FederationUnreachable { .. } => "federation_unreachable",
            Error::Federation(_) => "federation_failed",
            Error::SsoUnreachable { .. } => "sso_unreachable",
            Error::SsoSignInRequired(_) => "sso_sign_in_required",
            Error::SsoSignInRefused(_) => "sso_sign_in_refused",
            Error::Sso { .. } => "sso_error",
            Error::IamDenied { .. } => "access_denied",
            Error::IamUnreachable { .. } => "iam_unreachable",
            Error::Iam { .. } => "iam_error",
            Error::NotAnIamUser { .. } => "not_an_iam_user",
            Error::KeyLimit { .. } => "key_limit",
            Error::RotationUnverified(_) => "rotation_unverified",
            Error::CaFileUnusable { .. } => "ca_file_unusable",
            Error::UntrustedCertificate { .. } => "tls_untrusted",
            Error::ProxyAuthRequired { .. } => "proxy_auth_required",
            Error::ProxyUnreachable { .. } => "proxy_unreachable",
            Error::HostNotFound { .. } => "host_not_found",
            Error::Io { .. } => "io_error",
        }
    }

    /// Shorthand for [`Error::InvalidInput`].
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidInput {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The field an invalid-input error is about, for showing it next to that field.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::InvalidInput { field, .. } => Some(field),
            _ => None,
        }
    }

    /// Shorthand for [`Error::Io`] with what was being done.
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }
}

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_and_messages_name_the_problem() {
        let e = Error::invalid("role_arn", "must start with arn:");
        assert_eq!(e.code(), "invalid_input");
        assert_eq!(e.to_string(), "role_arn: must start with arn:");
        let e = Error::ConfigInvalid {
            path: PathBuf::from("/c.toml"),
            line: Some(3),
            message: "expected `=`".into(),
        };
        assert_eq!(e.code(), "config_invalid");
        assert_eq!(e.to_string(), "/c.toml line 3: expected `=`");
        let e = Error::MfaRequired {
            role: "dev".into(),
            serial: "arn:aws:iam::123456789012:mfa/me".into(),
            note: String::new(),
        };
        assert!(e.to_string().contains("arn:aws:iam::123456789012:mfa/me"));
    }
}
