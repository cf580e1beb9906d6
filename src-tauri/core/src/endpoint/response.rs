//! What the endpoint answers: the container credentials JSON the AWS SDKs
//! read, or `{"code","message"}` with an HTTP status that fits the error.

use super::guard::Refusal;
use crate::credentials::Session;
use crate::error::Error;
use crate::export::rfc3339;
use http_body_util::Full;
use hyper::body::Bytes;
use hyper::header::{CACHE_CONTROL, CONTENT_TYPE, HeaderValue};
use hyper::{Response, StatusCode};

pub type Body = Full<Bytes>;

/// `{"AccessKeyId","SecretAccessKey","Token","Expiration"}`, as the container
/// credentials provider of every AWS SDK expects it.
pub fn credentials(session: &Session) -> Response<Body> {
    let c = &session.credentials;
    let value = serde_json::json!({
        "AccessKeyId": c.access_key_id,
        "SecretAccessKey": c.secret_access_key.expose(),
        "Token": c.session_token.as_ref().map(|t| t.expose().as_str()),
        "Expiration": rfc3339(session.expiration),
        // As ECS answers: the SDKs ignore it; `roletray` reads it back.
        "RoleArn": session.assumed_role_arn,
    });
    json(StatusCode::OK, value.to_string())
}

/// A refusal: always 403, with a code and a message that reveal nothing.
pub fn refused(r: Refusal) -> Response<Body> {
    error(StatusCode::FORBIDDEN, r.code(), r.message())
}

/// A core error met while serving an authorised request.
pub fn failed(e: &Error) -> Response<Body> {
    error(status_of(e), e.code(), &e.to_string())
}

/// 200 with a small JSON body.
pub fn json_ok(body: &str) -> Response<Body> {
    json(StatusCode::OK, body.to_owned())
}

pub fn error(status: StatusCode, code: &str, message: &str) -> Response<Body> {
    let body = serde_json::json!({ "code": code, "message": message });
    json(status, body.to_string())
}

/// The HTTP status for a core error: the client's fault, the user's to fix
/// (MFA, keychain), or AWS's answer passed on.
pub fn status_of(e: &Error) -> StatusCode {
    match e {
        Error::NotFound { .. } => StatusCode::NOT_FOUND,
        Error::MfaRequired { .. } | Error::InvalidMfaCode(_) => StatusCode::UNAUTHORIZED,
        Error::KeychainUnavailable(_)
        | Error::KeychainLocked(_)
        | Error::KeychainBusy(_)
        | Error::Keychain(_)
        | Error::SecretMissing(_)
        | Error::Throttled(_) => StatusCode::SERVICE_UNAVAILABLE,
        Error::AccessDenied(_)
        | Error::InvalidClientToken(_)
        | Error::SignatureMismatch(_)
        | Error::ExpiredToken(_)
        | Error::StsUnavailable(_)
        | Error::Sts { .. } => StatusCode::BAD_GATEWAY,
        Error::StsUnreachable { .. } => StatusCode::GATEWAY_TIMEOUT,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

fn json(status: StatusCode, body: String) -> Response<Body> {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::Credentials;
    use crate::secret::Sensitive;
    use http_body_util::BodyExt;

    async fn body_json(r: Response<Body>) -> serde_json::Value {
        let bytes = r.into_body().collect().await.unwrap().to_bytes();
        serde_json::from_slice(&bytes).unwrap()
    }

    #[tokio::test]
    async fn credentials_use_the_container_field_names() {
        let session = Session {
            role: "dev".into(),
            assumed_role_arn: "arn:aws:sts::123456789012:assumed-role/dev/s".into(),
            credentials: Credentials {
                access_key_id: "ASIAEXAMPLE".into(),
                secret_access_key: Sensitive::from("secret"),
                session_token: Some(Sensitive::from("token")),
            },
            expiration: time::macros::datetime!(2026-11-25 08:00:00 UTC),
            region: None,
        };
        let r = credentials(&session);
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()[CONTENT_TYPE], "application/json");
        let v = body_json(r).await;
        assert_eq!(
            v,
            serde_json::json!({
                "AccessKeyId": "ASIAEXAMPLE",
                "SecretAccessKey": "secret",
                "Token": "token",
                "Expiration": "2026-11-25T08:00:00Z",
                "RoleArn": "arn:aws:sts::123456789012:assumed-role/dev/s",
            })
        );
    }

    #[tokio::test]
    async fn errors_are_code_and_message() {
        let e = Error::MfaRequired {
            role: "dev".into(),
            serial: "arn:aws:iam::123456789012:mfa/me".into(),
            note: String::new(),
        };
        let r = failed(&e);
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        let v = body_json(r).await;
        assert_eq!(v["code"], "mfa_required");
        assert!(v["message"].as_str().unwrap().contains("mfa/me"));
        let r = refused(Refusal::WrongToken);
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert_eq!(body_json(r).await["code"], "wrong_token");
        let missing = Error::NotFound {
            kind: "role",
            name: "x".into(),
        };
        assert_eq!(status_of(&missing), StatusCode::NOT_FOUND);
    }
}
