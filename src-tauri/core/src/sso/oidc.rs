//! The only module that talks to Identity Center's OIDC service
//! (RegisterClient, StartDeviceAuthorization, CreateToken). Its endpoint
//! follows `AWS_ENDPOINT_URL_SSO_OIDC`, then `AWS_ENDPOINT_URL`, as every
//! AWS SDK does; every failure becomes a typed [`Error`].

use super::tokens::Registration;
use crate::error::{Error, Result};
use crate::sdk_config;
use crate::secret::Sensitive;
use aws_sdk_ssooidc::Client;
use aws_sdk_ssooidc::config::Region;
use aws_sdk_ssooidc::error::{ProvideErrorMetadata, SdkError};
use aws_smithy_runtime_api::http::Response as HttpResponse;
use time::OffsetDateTime;

pub const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";
const REFRESH_GRANT: &str = "refresh_token";
const CODE_GRANT: &str = "authorization_code";

/// Which flow a client is registered for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    /// The authorization code with PKCE, redirected to 127.0.0.1.
    Pkce,
    /// The device code: the person types a code on a page.
    Device,
}

impl Grant {
    pub fn as_str(self) -> &'static str {
        match self {
            Grant::Pkce => "pkce",
            Grant::Device => "device",
        }
    }
}

/// A device authorization in progress.
#[derive(Debug)]
pub struct DeviceAuthorization {
    pub device_code: Sensitive<String>,
    pub user_code: String,
    pub verification_uri: String,
    pub verification_uri_complete: Option<String>,
    pub expires_in: i64,
    pub interval: u64,
}

/// What CreateToken answered.
#[derive(Debug)]
pub struct Token {
    pub access_token: Sensitive<String>,
    pub expires_in: i64,
    pub refresh_token: Option<Sensitive<String>>,
}

/// How a token is asked for.
pub enum TokenGrant<'a> {
    Device(&'a Sensitive<String>),
    Code {
        code: &'a Sensitive<String>,
        verifier: &'a Sensitive<String>,
        redirect_uri: &'a str,
    },
    Refresh(&'a Sensitive<String>),
}

/// Why CreateToken gave no token: still waiting, or a real failure.
#[derive(Debug)]
pub enum TokenRefusal {
    /// The person has not approved yet (`authorization_pending`).
    Pending,
    /// Polled too fast (`slow_down`): wait longer between polls.
    SlowDown,
    Failed(Error),
}

/// Where OIDC calls go: the standard variables, else AWS's endpoint.
pub fn endpoint(region: &str) -> String {
    sdk_config::endpoint_override("AWS_ENDPOINT_URL_SSO_OIDC")
        .map(|s| s.trim_end_matches('/').to_owned())
        .unwrap_or_else(|| format!("https://oidc.{region}.amazonaws.com"))
}

async fn client(region: &str) -> Result<Client> {
    let conf = aws_sdk_ssooidc::config::Builder::from(&sdk_config::shared().await?)
        .region(Region::new(region.to_owned()))
        .build();
    Ok(Client::from_conf(conf))
}

/// Registers a public client for `grant` (RegisterClient).
pub async fn register(
    region: &str,
    client_name: &str,
    scopes: &[String],
    grant: Grant,
    issuer_url: &str,
    redirect_uri: Option<&str>,
) -> Result<Registration> {
    tracing::debug!(region, grant = grant.as_str(), "SSO OIDC RegisterClient");
    let grants = match grant {
        Grant::Pkce => vec![CODE_GRANT.to_owned(), REFRESH_GRANT.to_owned()],
        Grant::Device => vec![DEVICE_GRANT.to_owned(), REFRESH_GRANT.to_owned()],
    };
    let out = client(region)
        .await?
        .register_client()
        .client_name(client_name)
        .client_type("public")
        .set_scopes(Some(scopes.to_vec()))
        .set_grant_types(Some(grants))
        .issuer_url(issuer_url)
        .set_redirect_uris(redirect_uri.map(|u| vec![u.to_owned()]))
        .send()
        .await
        .map_err(|e| classify(e, region))?;
    let (Some(id), Some(secret)) = (out.client_id(), out.client_secret()) else {
        return Err(Error::Sso {
            code: "RegisterClient".into(),
            message: "the answer held no client".into(),
        });
    };
    Ok(Registration {
        client_id: id.to_owned(),
        client_secret: secret.to_owned(),
        expires_at: out.client_secret_expires_at(),
        grant: grant.as_str().to_owned(),
        scopes: scopes.to_vec(),
    })
}

/// Starts a device authorization (StartDeviceAuthorization).
pub async fn start_device(
    region: &str,
    registration: &Registration,
    start_url: &str,
) -> Result<DeviceAuthorization> {
    tracing::debug!(region, "SSO OIDC StartDeviceAuthorization");
    let out = client(region)
        .await?
        .start_device_authorization()
        .client_id(&registration.client_id)
        .client_secret(&registration.client_secret)
        .start_url(start_url)
        .send()
        .await
        .map_err(|e| classify(e, region))?;
    let (Some(device), Some(user), Some(uri)) =
        (out.device_code(), out.user_code(), out.verification_uri())
    else {
        return Err(Error::Sso {
            code: "StartDeviceAuthorization".into(),
            message: "the answer held no device code".into(),
        });
    };
    Ok(DeviceAuthorization {
        device_code: Sensitive::new(device.to_owned()),
        user_code: user.to_owned(),
        verification_uri: uri.to_owned(),
        verification_uri_complete: out.verification_uri_complete().map(str::to_owned),
        expires_in: i64::from(out.expires_in()),
        interval: u64::try_from(out.interval()).unwrap_or(5).max(1),
    })
}

/// Asks for a token (CreateToken).
pub async fn create_token(
    region: &str,
    registration: &Registration,
    grant: TokenGrant<'_>,
) -> Result<Token, TokenRefusal> {
    let req = client(region)
        .await
        .map_err(TokenRefusal::Failed)?
        .create_token()
        .client_id(&registration.client_id)
        .client_secret(&registration.client_secret);
    let req = match grant {
        TokenGrant::Device(code) => req
            .grant_type(DEVICE_GRANT)
            .device_code(code.expose().clone()),
        TokenGrant::Code {
            code,
            verifier,
            redirect_uri,
        } => req
            .grant_type(CODE_GRANT)
            .code(code.expose().clone())
            .code_verifier(verifier.expose().clone())
            .redirect_uri(redirect_uri),
        TokenGrant::Refresh(token) => req
            .grant_type(REFRESH_GRANT)
            .refresh_token(token.expose().clone()),
    };
    let out = req.send().await.map_err(|e| {
        match e.as_service_error().and_then(ProvideErrorMetadata::code) {
            Some("AuthorizationPendingException") => TokenRefusal::Pending,
            Some("SlowDownException") => TokenRefusal::SlowDown,
            _ => TokenRefusal::Failed(classify(e, region)),
        }
    })?;
    let access = out.access_token().ok_or_else(|| {
        TokenRefusal::Failed(Error::Sso {
            code: "CreateToken".into(),
            message: "the answer held no access token".into(),
        })
    })?;
    Ok(Token {
        access_token: Sensitive::new(access.to_owned()),
        expires_in: i64::from(out.expires_in()),
        refresh_token: out.refresh_token().map(|t| Sensitive::new(t.to_owned())),
    })
}

/// The instant `seconds` from now, in unix seconds.
pub fn after(now: OffsetDateTime, seconds: i64) -> i64 {
    now.unix_timestamp().saturating_add(seconds)
}

/// Classifies an OIDC failure by the SDK's error code.
fn classify<E>(err: SdkError<E, HttpResponse>, region: &str) -> Error
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    let endpoint = endpoint(region);
    if let Some(e) = super::portal::transport_failure(&err, &endpoint) {
        return e;
    }
    let code = err.code().map(str::to_owned);
    let message = err
        .message()
        .map(str::to_owned)
        .unwrap_or_else(|| code.clone().unwrap_or_else(|| "no reason given".into()));
    match code.as_deref() {
        Some("AccessDeniedException") => Error::SsoSignInRefused(message),
        Some("ExpiredTokenException") => Error::SsoSignInRefused(format!(
            "the sign-in code expired before it was approved ({message})"
        )),
        Some("InvalidGrantException") => {
            Error::SsoSignInRequired(format!("the sign-in was refused or revoked ({message})"))
        }
        Some("InvalidClientException" | "UnauthorizedClientException") => {
            Error::SsoSignInRequired(format!("the client registration is not valid ({message})"))
        }
        Some("InvalidRequestException") => Error::Sso {
            code: "InvalidRequestException".into(),
            message: format!(
                "{message} (check the start URL and the region of the Identity Center source)"
            ),
        },
        Some("InternalServerException") => Error::SsoUnreachable { endpoint, message },
        Some(c) => Error::Sso {
            code: c.to_owned(),
            message,
        },
        None => Error::Sso {
            code: "unknown".into(),
            message,
        },
    }
}
