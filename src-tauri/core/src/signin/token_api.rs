//! AWS Sign-In's token API (`CreateOAuth2Token`, `POST {base}/v1/token`):
//! unsigned JSON with a DPoP proof, the authorization code or a refresh
//! token in, 15-minute credentials and the next refresh token out.

use super::dpop::DpopKey;
use crate::error::{Error, Result};
use crate::secret::Sensitive;
use crate::sso::sign_in::base64url_decode;
use hyper::StatusCode;
use serde::Deserialize;
use time::OffsetDateTime;

/// The largest answer read.
const MAX_ANSWER: usize = 64 * 1024;

/// `aws login`'s client on this machine (the browser redirects here).
pub const SAME_DEVICE: &str = "arn:aws:signin:::devtools/same-device";
/// `aws login --remote`'s client (the code is pasted from a page).
pub const CROSS_DEVICE: &str = "arn:aws:signin:::devtools/cross-device";

/// Where Sign-In is for `region`: `AWS_ENDPOINT_URL_SIGNIN`, else
/// `AWS_ENDPOINT_URL`, else the partition's regional host.
pub fn base_url(region: &str) -> String {
    for var in ["AWS_ENDPOINT_URL_SIGNIN", "AWS_ENDPOINT_URL"] {
        if let Ok(v) = std::env::var(var)
            && !v.trim().is_empty()
        {
            return v.trim().trim_end_matches('/').to_owned();
        }
    }
    if region.starts_with("cn-") {
        format!("https://{region}.signin.amazonaws.cn")
    } else if region.starts_with("us-gov-") {
        format!("https://{region}.signin.amazonaws-us-gov.com")
    } else {
        format!("https://{region}.signin.aws.amazon.com")
    }
}

/// What is traded for credentials.
pub enum Grant<'a> {
    Code {
        code: &'a Sensitive<String>,
        verifier: &'a Sensitive<String>,
        redirect_uri: &'a str,
    },
    Refresh(&'a Sensitive<String>),
}

/// The token API's answer.
pub struct Tokens {
    pub access_key_id: String,
    pub secret_access_key: Sensitive<String>,
    pub session_token: Sensitive<String>,
    pub expires_in: i64,
    pub refresh_token: Sensitive<String>,
    /// On the first call only: its `sub` is the signed-in identity.
    pub id_token: Option<String>,
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokens")
            .field("access_key_id", &self.access_key_id)
            .field("expires_in", &self.expires_in)
            .finish_non_exhaustive()
    }
}

/// Trades `grant` for credentials at `base`, proving the key with `key`.
pub async fn create_token(
    base: &str,
    client_id: &str,
    key: &DpopKey,
    grant: Grant<'_>,
) -> Result<Tokens> {
    let url = format!("{base}/v1/token");
    let body = match grant {
        Grant::Code {
            code,
            verifier,
            redirect_uri,
        } => serde_json::json!({
            "clientId": client_id,
            "grantType": "authorization_code",
            "code": code.expose(),
            "codeVerifier": verifier.expose(),
            "redirectUri": redirect_uri,
        }),
        Grant::Refresh(token) => serde_json::json!({
            "clientId": client_id,
            "grantType": "refresh_token",
            "refreshToken": token.expose(),
        }),
    };
    let body = Sensitive::new(body.to_string());
    let proof = key.proof(&url, OffsetDateTime::now_utc())?;
    let unreachable = |message: String| Error::SigninUnreachable {
        endpoint: base.to_owned(),
        message,
    };
    let answer = crate::net::send(
        "POST",
        &url,
        &[
            ("accept", "application/json".to_owned()),
            ("content-type", "application/json".to_owned()),
            ("dpop", proof),
        ],
        Some(&body),
        MAX_ANSWER,
        unreachable,
    )
    .await?;
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::BAD_GATEWAY);
    parse(status, &answer.body)
}

fn parse(status: StatusCode, body: &[u8]) -> Result<Tokens> {
    if status != StatusCode::OK {
        return Err(refusal(status, body));
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct AccessToken {
        access_key_id: String,
        secret_access_key: String,
        session_token: String,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Answer {
        access_token: AccessToken,
        expires_in: i64,
        refresh_token: String,
        id_token: Option<String>,
    }
    let raw = Sensitive::new(String::from_utf8_lossy(body).into_owned());
    let a: Answer = serde_json::from_str(raw.expose()).map_err(|e| Error::Signin {
        code: "invalid_answer".into(),
        message: format!("the token API's answer could not be read: {e}"),
    })?;
    Ok(Tokens {
        access_key_id: a.access_token.access_key_id,
        secret_access_key: Sensitive::new(a.access_token.secret_access_key),
        session_token: Sensitive::new(a.access_token.session_token),
        expires_in: a.expires_in.clamp(60, 900),
        refresh_token: Sensitive::new(a.refresh_token),
        id_token: a.id_token,
    })
}

/// An error answer in words: the end of a sign-in is `sign_in_required`.
fn refusal(status: StatusCode, body: &[u8]) -> Error {
    #[derive(Deserialize, Default)]
    struct Refusal {
        #[serde(default)]
        error: String,
        #[serde(default)]
        message: Option<String>,
        #[serde(default)]
        error_description: Option<String>,
    }
    let r: Refusal = serde_json::from_slice(body).unwrap_or_default();
    let said = r.message.or(r.error_description).unwrap_or_default();
    match r.error.as_str() {
        "TOKEN_EXPIRED" => Error::SignInEnded("the sign-in has expired".into()),
        "USER_CREDENTIALS_CHANGED" => Error::SignInEnded(
            "the sign-in ended: the account's password or sign-in credentials changed".into(),
        ),
        "INSUFFICIENT_PERMISSIONS" => Error::AccessDenied(format!(
            "AWS Sign-In refused: the identity may not get credentials for tools (signin:AuthorizeOAuth2Access, signin:CreateOAuth2Token){}",
            if said.is_empty() {
                String::new()
            } else {
                format!(": {said}")
            }
        )),
        "AUTHCODE_EXPIRED" => {
            Error::SignInEnded("the sign-in took too long: the browser's code expired".into())
        }
        code => Error::Signin {
            code: if code.is_empty() {
                format!("HTTP {}", status.as_u16())
            } else {
                code.to_owned()
            },
            message: if said.is_empty() {
                "the token was refused".into()
            } else {
                said
            },
        },
    }
}

/// The claims of an ID token (its signature is the token API's, over TLS:
/// RoleTray reads the claims and does not check it).
pub fn id_token_claims(id_token: &str) -> Option<serde_json::Value> {
    let payload = id_token.split('.').nth(1)?;
    let bytes = base64url_decode(payload)?;
    serde_json::from_slice(&bytes).ok()
}

/// The `sub` of an ID token: the signed-in identity.
pub fn id_token_subject(id_token: &str) -> Option<String> {
    id_token_claims(id_token)?["sub"]
        .as_str()
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_and_refusals_are_read() {
        let ok = parse(
            StatusCode::OK,
            br#"{"accessToken":{"accessKeyId":"ASIA1","secretAccessKey":"s","sessionToken":"t"},
                "tokenType":"aws_sigv4","expiresIn":900,"refreshToken":"r","idToken":"h.eyJzdWIiOiJhcm46YXdzOmlhbTo6MTIzNDU2Nzg5MDEyOnVzZXIvbWUifQ.s"}"#,
        )
        .unwrap();
        assert_eq!(ok.access_key_id, "ASIA1");
        assert_eq!(ok.expires_in, 900);
        assert_eq!(
            id_token_subject(ok.id_token.as_deref().unwrap()).as_deref(),
            Some("arn:aws:iam::123456789012:user/me")
        );
        let ended = parse(
            StatusCode::UNAUTHORIZED,
            br#"{"error":"TOKEN_EXPIRED","message":"x"}"#,
        )
        .unwrap_err();
        assert_eq!(ended.code(), "sign_in_required");
        let changed = parse(
            StatusCode::FORBIDDEN,
            br#"{"error":"USER_CREDENTIALS_CHANGED"}"#,
        )
        .unwrap_err();
        assert_eq!(changed.code(), "sign_in_required");
        let other = parse(
            StatusCode::BAD_REQUEST,
            br#"{"error":"INVALID_REQUEST","message":"bad proof"}"#,
        )
        .unwrap_err();
        assert_eq!(other.code(), "signin_error");
        assert!(other.to_string().contains("bad proof"));
    }

    #[test]
    fn the_host_follows_the_partition() {
        if std::env::var_os("AWS_ENDPOINT_URL_SIGNIN").is_some()
            || std::env::var_os("AWS_ENDPOINT_URL").is_some()
        {
            return;
        }
        assert_eq!(
            base_url("eu-west-1"),
            "https://eu-west-1.signin.aws.amazon.com"
        );
        assert_eq!(
            base_url("cn-north-1"),
            "https://cn-north-1.signin.amazonaws.cn"
        );
        assert_eq!(
            base_url("us-gov-west-1"),
            "https://us-gov-west-1.signin.amazonaws-us-gov.com"
        );
    }
}
