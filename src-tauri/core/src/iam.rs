//! The only module that talks to AWS IAM: the five access-key calls that
//! key facts and rotation need. Like STS, every call is signed with keys
//! passed explicitly and every failure becomes a typed [`Error`] that names
//! the permission AWS refused.
//!
//! IAM is global per partition: its calls go to the partition's IAM
//! endpoint, or to `AWS_ENDPOINT_URL_IAM`, then `AWS_ENDPOINT_URL`, as the
//! SDKs resolve them.

use crate::aws_answer::{self, Failure};
use crate::credentials::Credentials;
use crate::error::{Error, Result};
use crate::secret::Sensitive;
use crate::sts::BoxFuture;
use aws_sdk_iam::Client;
use aws_sdk_iam::config::Region;
use aws_sdk_iam::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_iam::types::StatusType;
use aws_smithy_runtime_api::http::Response as HttpResponse;
use std::sync::Arc;
use time::OffsetDateTime;

/// One of an IAM user's access keys, as IAM lists it (no secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMetadata {
    pub access_key_id: String,
    pub active: bool,
    pub created: Option<OffsetDateTime>,
}

/// When, by which service and in which region a key was last used.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LastUsed {
    /// `None`: never used (or before IAM began tracking, April 2015).
    pub when: Option<OffsetDateTime>,
    pub service: Option<String>,
    pub region: Option<String>,
}

/// A key IAM has just made: the only moment its secret can be read.
#[derive(Debug)]
pub struct NewKey {
    pub access_key_id: String,
    pub secret_access_key: Sensitive<String>,
}

/// The IAM calls RoleTray makes. [`Iam`] makes them over the network; unit
/// tests put a scripted stand-in behind the same seam.
pub trait IamApi: Send + Sync {
    fn list_access_keys<'a>(
        &'a self,
        creds: &'a Credentials,
        partition_region: &'a str,
        user: &'a str,
    ) -> BoxFuture<'a, Result<Vec<KeyMetadata>>>;

    fn last_used<'a>(
        &'a self,
        creds: &'a Credentials,
        partition_region: &'a str,
        access_key_id: &'a str,
    ) -> BoxFuture<'a, Result<LastUsed>>;

    fn create_access_key<'a>(
        &'a self,
        creds: &'a Credentials,
        partition_region: &'a str,
        user: &'a str,
    ) -> BoxFuture<'a, Result<NewKey>>;

    fn set_active<'a>(
        &'a self,
        creds: &'a Credentials,
        partition_region: &'a str,
        user: &'a str,
        access_key_id: &'a str,
        active: bool,
    ) -> BoxFuture<'a, Result<()>>;

    fn delete_access_key<'a>(
        &'a self,
        creds: &'a Credentials,
        partition_region: &'a str,
        user: &'a str,
        access_key_id: &'a str,
    ) -> BoxFuture<'a, Result<()>>;
}

/// The IAM seam as the service holds it.
pub type SharedIam = Arc<dyn IamApi>;

/// The region IAM is called in for a source in `region`: IAM has one
/// endpoint per partition, in that partition's first region.
pub fn partition_region(region: Option<&str>) -> &'static str {
    match region.unwrap_or("") {
        r if r.starts_with("cn-") => "cn-north-1",
        r if r.starts_with("us-gov-") => "us-gov-west-1",
        _ => "us-east-1",
    }
}

/// The IAM user's name in a caller ARN (`arn:aws:iam::1:user/path/NAME`),
/// or `None` when the ARN is not an IAM user's (a role session, root).
pub fn user_name(arn: &str) -> Option<&str> {
    let resource = arn.splitn(6, ':').nth(5)?;
    let rest = resource.strip_prefix("user/")?;
    rest.rsplit('/').next().filter(|n| !n.is_empty())
}

/// A client factory for IAM; the SDK's settings load on the first call.
#[derive(Debug, Clone, Default)]
pub struct Iam;

impl Iam {
    /// The network IAM behind the seam.
    pub fn shared() -> SharedIam {
        Arc::new(Iam)
    }

    async fn client(creds: &Credentials, region: &str) -> Result<Client> {
        let provider = crate::sdk_config::signing_keys(creds);
        let conf = aws_sdk_iam::config::Builder::from(&crate::sdk_config::shared().await?)
            .credentials_provider(provider)
            .region(Region::new(region.to_owned()))
            .build();
        Ok(Client::from_conf(conf))
    }

    /// Where IAM calls go, for messages.
    pub(crate) fn endpoint(region: &str) -> String {
        crate::sdk_config::endpoint_override("AWS_ENDPOINT_URL_IAM").unwrap_or_else(|| match region
        {
            "cn-north-1" => "iam.cn-north-1.amazonaws.com.cn".to_owned(),
            "us-gov-west-1" => "iam.us-gov.amazonaws.com".to_owned(),
            _ => "iam.amazonaws.com".to_owned(),
        })
    }
}

impl IamApi for Iam {
    fn list_access_keys<'a>(
        &'a self,
        creds: &'a Credentials,
        region: &'a str,
        user: &'a str,
    ) -> BoxFuture<'a, Result<Vec<KeyMetadata>>> {
        Box::pin(logged("ListAccessKeys", async move {
            let out = Iam::client(creds, region)
                .await?
                .list_access_keys()
                .user_name(user)
                .send()
                .await
                .map_err(|e| classify(e, region, "iam:ListAccessKeys"))?;
            Ok(out
                .access_key_metadata()
                .iter()
                .filter_map(|k| {
                    Some(KeyMetadata {
                        access_key_id: k.access_key_id()?.to_owned(),
                        active: k.status() == Some(&StatusType::Active),
                        created: k.create_date().and_then(to_time),
                    })
                })
                .collect())
        }))
    }

    fn last_used<'a>(
        &'a self,
        creds: &'a Credentials,
        region: &'a str,
        access_key_id: &'a str,
    ) -> BoxFuture<'a, Result<LastUsed>> {
        Box::pin(logged("GetAccessKeyLastUsed", async move {
            let out = Iam::client(creds, region)
                .await?
                .get_access_key_last_used()
                .access_key_id(access_key_id)
                .send()
                .await
                .map_err(|e| classify(e, region, "iam:GetAccessKeyLastUsed"))?;
            let Some(used) = out.access_key_last_used() else {
                return Ok(LastUsed::default());
            };
            // IAM answers "N/A" for a key never used.
            let named = |s: &str| (!s.is_empty() && s != "N/A").then(|| s.to_owned());
            Ok(LastUsed {
                when: used.last_used_date().and_then(to_time),
                service: named(used.service_name()),
                region: named(used.region()),
            })
        }))
    }

    fn create_access_key<'a>(
        &'a self,
        creds: &'a Credentials,
        region: &'a str,
        user: &'a str,
    ) -> BoxFuture<'a, Result<NewKey>> {
        Box::pin(logged("CreateAccessKey", async move {
            let out = Iam::client(creds, region)
                .await?
                .create_access_key()
                .user_name(user)
                .send()
                .await
                .map_err(|e| classify(e, region, "iam:CreateAccessKey"))?;
            let key = out.access_key().ok_or_else(|| Error::Iam {
                code: "no_key".into(),
                message: "CreateAccessKey answered without a key".into(),
            })?;
            Ok(NewKey {
                access_key_id: key.access_key_id().to_owned(),
                secret_access_key: Sensitive::new(key.secret_access_key().to_owned()),
            })
        }))
    }

    fn set_active<'a>(
        &'a self,
        creds: &'a Credentials,
        region: &'a str,
        user: &'a str,
        access_key_id: &'a str,
        active: bool,
    ) -> BoxFuture<'a, Result<()>> {
        let status = if active {
            StatusType::Active
        } else {
            StatusType::Inactive
        };
        Box::pin(logged("UpdateAccessKey", async move {
            Iam::client(creds, region)
                .await?
                .update_access_key()
                .user_name(user)
                .access_key_id(access_key_id)
                .status(status)
                .send()
                .await
                .map_err(|e| classify(e, region, "iam:UpdateAccessKey"))?;
            Ok(())
        }))
    }

    fn delete_access_key<'a>(
        &'a self,
        creds: &'a Credentials,
        region: &'a str,
        user: &'a str,
        access_key_id: &'a str,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(logged("DeleteAccessKey", async move {
            Iam::client(creds, region)
                .await?
                .delete_access_key()
                .user_name(user)
                .access_key_id(access_key_id)
                .send()
                .await
                .map_err(|e| classify(e, region, "iam:DeleteAccessKey"))?;
            Ok(())
        }))
    }
}

fn to_time(t: &aws_smithy_types::DateTime) -> Option<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp(t.secs()).ok()
}

/// Logs a failed call by its stable code (never the answer itself).
async fn logged<T>(
    operation: &'static str,
    call: impl std::future::Future<Output = Result<T>>,
) -> Result<T> {
    tracing::debug!(operation, "IAM call");
    let out = call.await;
    if let Err(e) = &out {
        tracing::warn!(operation, code = e.code(), "IAM call failed: {e}");
    }
    out
}

fn classify<E>(err: SdkError<E, HttpResponse>, region: &str, permission: &'static str) -> Error
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    match aws_answer::read(err) {
        Failure::Unreachable(detail) => {
            let endpoint = Iam::endpoint(region);
            aws_answer::no_answer(&endpoint.clone(), &detail, |message| {
                Error::IamUnreachable { endpoint, message }
            })
        }
        Failure::Request(message) => Error::Iam {
            code: "request".into(),
            message,
        },
        Failure::Answer {
            code,
            status,
            message,
        } => from_code(code.as_deref(), status, message, permission),
    }
}

/// The error for an IAM answer's code and status; `permission` is the one
/// the call needs, named when AWS refuses it.
pub fn from_code(
    code: Option<&str>,
    status: Option<u16>,
    message: String,
    permission: &'static str,
) -> Error {
    match code {
        Some("AccessDenied" | "AccessDeniedException") => Error::IamDenied {
            permission: permission.to_owned(),
            message,
        },
        None if status == Some(403) => Error::IamDenied {
            permission: permission.to_owned(),
            message,
        },
        Some("InvalidClientTokenId") => Error::InvalidClientToken(message),
        Some("SignatureDoesNotMatch") => Error::SignatureMismatch(message),
        Some("ExpiredToken" | "ExpiredTokenException") => Error::ExpiredToken(message),
        Some("Throttling" | "ThrottlingException") => Error::Throttled(message),
        _ if status == Some(429) => Error::Throttled(message),
        Some(c) => Error::Iam {
            code: c.to_owned(),
            message,
        },
        None => Error::Iam {
            code: status.map_or("unknown".into(), |s| format!("http_{s}")),
            message,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_names_the_permission() {
        let e = from_code(
            Some("AccessDenied"),
            Some(403),
            "User: arn:aws:iam::1:user/bob is not authorized".into(),
            "iam:ListAccessKeys",
        );
        assert_eq!(e.code(), "access_denied");
        assert!(e.to_string().contains("iam:ListAccessKeys"), "{e}");
        let bare = from_code(None, Some(403), "HTTP 403".into(), "iam:CreateAccessKey");
        assert!(bare.to_string().contains("iam:CreateAccessKey"));
        assert_eq!(
            from_code(
                Some("LimitExceeded"),
                Some(409),
                "m".into(),
                "iam:CreateAccessKey"
            )
            .code(),
            "iam_error"
        );
        assert_eq!(
            from_code(Some("InvalidClientTokenId"), Some(403), "m".into(), "x").code(),
            "invalid_client_token"
        );
    }

    #[test]
    fn user_names_come_from_user_arns_only() {
        assert_eq!(
            user_name("arn:aws:iam::123456789012:user/alice"),
            Some("alice")
        );
        assert_eq!(
            user_name("arn:aws:iam::123456789012:user/team/ops/carol"),
            Some("carol")
        );
        assert_eq!(
            user_name("arn:aws:sts::123456789012:assumed-role/dev/s"),
            None
        );
        assert_eq!(user_name("arn:aws:iam::123456789012:root"), None);
        assert_eq!(user_name("nonsense"), None);
    }

    #[test]
    fn iam_is_called_in_the_partition_region() {
        assert_eq!(partition_region(Some("eu-west-1")), "us-east-1");
        assert_eq!(partition_region(None), "us-east-1");
        assert_eq!(partition_region(Some("cn-northwest-1")), "cn-north-1");
        assert_eq!(partition_region(Some("us-gov-east-1")), "us-gov-west-1");
    }
}
