//! The AWS SDK settings every client RoleTray makes starts from, loaded once
//! per process on first use: the standard endpoint variables
//! (`AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`), retries and timeouts,
//! and a placeholder for credentials, which every call is given explicitly
//! (the default provider chain probes instance metadata and costs seconds),
//! and the one HTTP client of `net` (proxy, CA files, timeouts).

use aws_config::BehaviorVersion;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_types::region::Region;
use std::time::Duration;
use tokio::sync::OnceCell;

static SHARED: OnceCell<aws_types::SdkConfig> = OnceCell::const_new();

/// Where a service's calls go when the environment says: the service's own
/// `AWS_ENDPOINT_URL_<SERVICE>` (`service_var`), then `AWS_ENDPOINT_URL`, as
/// the SDK itself resolves them (for messages and the URLs RoleTray builds).
pub fn endpoint_override(service_var: &str) -> Option<String> {
    [service_var, "AWS_ENDPOINT_URL"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
}

/// `creds` as the SDK's credentials, to sign one client's calls with.
pub fn signing_keys(creds: &crate::credentials::Credentials) -> aws_credential_types::Credentials {
    aws_credential_types::Credentials::new(
        creds.access_key_id.clone(),
        creds.secret_access_key.expose().clone(),
        creds.session_token.as_ref().map(|t| t.expose().clone()),
        None,
        "roletray",
    )
}

/// The settings (loaded on the first call) with the HTTP client in force.
pub async fn shared() -> crate::error::Result<aws_types::SdkConfig> {
    let net = crate::net::current()?;
    Ok(SHARED
        .get_or_init(load)
        .await
        .to_builder()
        .http_client(net.sdk_client())
        .build())
}

async fn load() -> aws_types::SdkConfig {
    let placeholder = aws_credential_types::Credentials::new(
        "unused",
        "unused",
        None,
        None,
        "roletray-placeholder",
    );
    aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(SharedCredentialsProvider::new(placeholder))
        .retry_config(RetryConfig::standard().with_max_attempts(3))
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(3))
                .operation_attempt_timeout(Duration::from_secs(10))
                .operation_timeout(Duration::from_secs(30))
                .build(),
        )
        .load()
        .await
}
