//! The only module that talks to AWS STS. Every call is signed with keys
//! passed explicitly (never the default provider chain, which probes instance
//! metadata and costs seconds) and every failure becomes a typed [`Error`].

use crate::aws_answer::Failure;
use crate::credentials::Credentials;
use crate::error::{Error, Result};
use crate::secret::Sensitive;
use aws_sdk_sts::Client;
use aws_sdk_sts::config::Region;
use aws_sdk_sts::error::{ProvideErrorMetadata, SdkError};
use aws_smithy_runtime_api::client::interceptors::context::InterceptorContext;
use aws_smithy_runtime_api::client::retries::classifiers::{ClassifyRetry, RetryAction};
use aws_smithy_runtime_api::http::Response as HttpResponse;
use std::sync::Arc;
use time::OffsetDateTime;

/// What to ask AssumeRole for.
#[derive(Debug, Clone)]
pub struct AssumeRequest<'a> {
    pub role_arn: &'a str,
    pub session_name: &'a str,
    pub duration_seconds: u32,
    pub external_id: Option<&'a str>,
    /// MFA device serial and a current code, when AssumeRole itself carries MFA.
    pub mfa: Option<(&'a str, &'a Sensitive<String>)>,
}

/// Temporary credentials with their expiry.
#[derive(Debug, Clone)]
pub struct Temporary {
    pub credentials: Credentials,
    pub expiration: OffsetDateTime,
    /// The assumed-role ARN (AssumeRole only).
    pub arn: Option<String>,
}

/// A boxed, sendable future (the trait below is used as `dyn`).
pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

/// The three STS calls RoleTray makes. [`Sts`] makes them over the network;
/// unit tests put a scripted stand-in behind the same seam.
pub trait StsApi: Send + Sync {
    fn assume_role<'a>(
        &'a self,
        creds: &'a Credentials,
        region: &'a str,
        req: &'a AssumeRequest<'a>,
    ) -> BoxFuture<'a, Result<Temporary>>;

    fn get_session_token<'a>(
        &'a self,
        creds: &'a Credentials,
        region: &'a str,
        serial: &'a str,
        code: &'a Sensitive<String>,
        duration_seconds: u32,
    ) -> BoxFuture<'a, Result<Temporary>>;

    /// The ARN of whoever the credentials belong to.
    fn caller_identity<'a>(
        &'a self,
        creds: &'a Credentials,
        region: &'a str,
    ) -> BoxFuture<'a, Result<String>>;
}

/// The STS seam as the service and the session manager hold it.
pub type SharedSts = Arc<dyn StsApi>;

/// A client factory for STS. The SDK's settings load on the first call
/// ([`crate::sdk_config`]): a command served from the session cache never
/// pays for them.
#[derive(Debug, Clone, Default)]
pub struct Sts;

impl Sts {
    /// An STS client factory whose settings load on first use.
    pub fn lazy() -> Sts {
        Sts
    }

    /// The network STS behind the seam.
    pub fn shared() -> SharedSts {
        Arc::new(Sts::lazy())
    }

    async fn client(&self, creds: &Credentials, region: &str) -> Result<Client> {
        let provider = crate::sdk_config::signing_keys(creds);
        let conf = aws_sdk_sts::config::Builder::from(&crate::sdk_config::shared().await?)
            .credentials_provider(provider)
            .region(Region::new(region.to_owned()))
            .retry_classifier(TooManyRequests)
            .build();
        Ok(Client::from_conf(conf))
    }

    /// Where STS calls go, for messages.
    pub(crate) fn endpoint(region: &str) -> String {
        crate::sdk_config::endpoint_override("AWS_ENDPOINT_URL_STS")
            .unwrap_or_else(|| format!("sts.{region}.amazonaws.com"))
    }

    async fn call_assume_role(
        &self,
        creds: &Credentials,
        region: &str,
        req: &AssumeRequest<'_>,
    ) -> Result<Temporary> {
        let duration = i32::try_from(req.duration_seconds)
            .map_err(|_| Error::invalid("duration", "is too large"))?;
        let out = self
            .client(creds, region)
            .await?
            .assume_role()
            .role_arn(req.role_arn)
            .role_session_name(req.session_name)
            .duration_seconds(duration)
            .set_external_id(req.external_id.map(str::to_owned))
            .set_serial_number(req.mfa.map(|(s, _)| s.to_owned()))
            .set_token_code(req.mfa.map(|(_, c)| c.expose().clone()))
            .send()
            .await
            .map_err(|e| classify(e, &Self::endpoint(region)))?;
        let arn = out.assumed_role_user().map(|u| u.arn().to_owned());
        let mut t = temporary(out.credentials())?;
        t.arn = arn;
        Ok(t)
    }

    async fn call_get_session_token(
        &self,
        creds: &Credentials,
        region: &str,
        serial: &str,
        code: &Sensitive<String>,
        duration_seconds: u32,
    ) -> Result<Temporary> {
        let duration = i32::try_from(duration_seconds)
            .map_err(|_| Error::invalid("mfa-session-duration", "is too large"))?;
        let out = self
            .client(creds, region)
            .await?
            .get_session_token()
            .serial_number(serial)
            .token_code(code.expose().clone())
            .duration_seconds(duration)
            .send()
            .await
            .map_err(|e| classify(e, &Self::endpoint(region)))?;
        temporary(out.credentials())
    }

    async fn call_caller_identity(&self, creds: &Credentials, region: &str) -> Result<String> {
        let out = self
            .client(creds, region)
            .await?
            .get_caller_identity()
            .send()
            .await
            .map_err(|e| classify(e, &Self::endpoint(region)))?;
        out.arn()
            .map(str::to_owned)
            .ok_or_else(|| Error::StsUnavailable("GetCallerIdentity returned no ARN".into()))
    }
}

impl StsApi for Sts {
    fn assume_role<'a>(
        &'a self,
        creds: &'a Credentials,
        region: &'a str,
        req: &'a AssumeRequest<'a>,
    ) -> BoxFuture<'a, Result<Temporary>> {
        tracing::debug!(
            role_arn = req.role_arn,
            region,
            duration = req.duration_seconds,
            external_id = req.external_id.is_some(),
            mfa = req.mfa.is_some(),
            "STS AssumeRole"
        );
        Box::pin(logged(
            "AssumeRole",
            self.call_assume_role(creds, region, req),
        ))
    }

    fn get_session_token<'a>(
        &'a self,
        creds: &'a Credentials,
        region: &'a str,
        serial: &'a str,
        code: &'a Sensitive<String>,
        duration_seconds: u32,
    ) -> BoxFuture<'a, Result<Temporary>> {
        tracing::debug!(
            serial,
            region,
            duration = duration_seconds,
            "STS GetSessionToken"
        );
        Box::pin(logged(
            "GetSessionToken",
            self.call_get_session_token(creds, region, serial, code, duration_seconds),
        ))
    }

    fn caller_identity<'a>(
        &'a self,
        creds: &'a Credentials,
        region: &'a str,
    ) -> BoxFuture<'a, Result<String>> {
        tracing::debug!(region, "STS GetCallerIdentity");
        Box::pin(logged(
            "GetCallerIdentity",
            self.call_caller_identity(creds, region),
        ))
    }
}

/// Logs a failed call by its stable code (the answer itself is never logged).
async fn logged<T>(
    operation: &'static str,
    call: impl std::future::Future<Output = Result<T>>,
) -> Result<T> {
    let out = call.await;
    if let Err(e) = &out {
        tracing::warn!(operation, code = e.code(), "STS call failed: {e}");
    }
    out
}

/// Retries a bare HTTP 429 as throttling. The SDK's classifiers only know it
/// with an AWS error code in the body; proxies and gateways send it without.
#[derive(Debug)]
struct TooManyRequests;

impl ClassifyRetry for TooManyRequests {
    fn classify_retry(&self, ctx: &InterceptorContext) -> RetryAction {
        match ctx.response() {
            Some(r) if r.status().as_u16() == 429 => RetryAction::throttling_error(),
            _ => RetryAction::NoActionIndicated,
        }
    }

    fn name(&self) -> &'static str {
        "roletray: HTTP 429 is throttling"
    }
}

fn temporary(c: Option<&aws_sdk_sts::types::Credentials>) -> Result<Temporary> {
    let c = c.ok_or_else(|| Error::StsUnavailable("the answer held no credentials".into()))?;
    let expiration = OffsetDateTime::from_unix_timestamp(c.expiration().secs())
        .map_err(|_| Error::StsUnavailable("the answer held an impossible expiry".into()))?;
    Ok(Temporary {
        credentials: Credentials {
            access_key_id: c.access_key_id().to_owned(),
            secret_access_key: Sensitive::new(c.secret_access_key().to_owned()),
            session_token: Some(Sensitive::new(c.session_token().to_owned())),
        },
        expiration,
        arn: None,
    })
}

/// Classifies an SDK failure by the SDK's error code and, because some servers
/// answer in shapes the SDK cannot read, by HTTP status and body too.
fn classify<E>(err: SdkError<E, HttpResponse>, endpoint: &str) -> Error
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    match crate::aws_answer::read(err) {
        Failure::Unreachable(detail) => {
            crate::aws_answer::no_answer(endpoint, &detail, |message| Error::StsUnreachable {
                endpoint: endpoint.to_owned(),
                message,
            })
        }
        Failure::Request(message) => Error::Sts {
            code: "request".into(),
            message,
        },
        Failure::Answer {
            code,
            status,
            message,
        } => from_code(code.as_deref(), status, message),
    }
}

/// The error for an AWS error code and HTTP status.
pub fn from_code(code: Option<&str>, status: Option<u16>, message: String) -> Error {
    match code {
        Some("InvalidClientTokenId") => Error::InvalidClientToken(message),
        Some("SignatureDoesNotMatch") => Error::SignatureMismatch(message),
        Some("AccessDenied" | "AccessDeniedException")
            if message.contains("MultiFactorAuthentication") || message.contains("MFA") =>
        {
            Error::InvalidMfaCode(message)
        }
        Some("AccessDenied" | "AccessDeniedException") => Error::AccessDenied(message),
        Some("ExpiredToken" | "ExpiredTokenException") => Error::ExpiredToken(message),
        Some("Throttling" | "ThrottlingException" | "RequestLimitExceeded" | "SlowDown") => {
            Error::Throttled(message)
        }
        Some("ValidationError") => Error::invalid("sts", message),
        _ if status == Some(429) => Error::Throttled(message),
        _ if status.is_some_and(|s| s >= 500) => Error::StsUnavailable(message),
        None if status == Some(403) => Error::AccessDenied(message),
        Some(c) => Error::Sts {
            code: c.to_owned(),
            message,
        },
        None => Error::StsUnavailable(format!("unexpected answer: {message}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_statuses_map_to_stable_errors() {
        let m = || "m".to_owned();
        let code = |c: Option<&str>, s: Option<u16>| from_code(c, s, m()).code();
        assert_eq!(
            code(Some("InvalidClientTokenId"), Some(403)),
            "invalid_client_token"
        );
        assert_eq!(
            code(Some("SignatureDoesNotMatch"), Some(403)),
            "signature_mismatch"
        );
        assert_eq!(code(Some("AccessDenied"), Some(403)), "access_denied");
        assert_eq!(code(None, Some(403)), "access_denied");
        assert_eq!(code(Some("Throttling"), Some(400)), "throttled");
        assert_eq!(code(None, Some(429)), "throttled");
        assert_eq!(code(None, Some(503)), "sts_unavailable");
        assert_eq!(code(Some("ExpiredToken"), Some(400)), "expired_token");
        assert_eq!(
            code(Some("RegionDisabledException"), Some(403)),
            "sts_error"
        );
        assert_eq!(code(None, Some(200)), "sts_unavailable");
        let mfa = from_code(
            Some("AccessDenied"),
            Some(403),
            "MultiFactorAuthentication failed with invalid MFA one time pass code.".into(),
        );
        assert_eq!(mfa.code(), "invalid_mfa_code");
    }
}
