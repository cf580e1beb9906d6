//! Asking a running RoleTray for a role's session, the way any AWS SDK asks
//! the endpoint (same URL, same per-role token). The CLI tries this first:
//! the tray app already holds live sessions in memory, so no keychain round
//! trip and no D-Bus session are needed, and the app can show its MFA window
//! to a caller that has no terminal.
//!
//! Anything short of an answer (no app, a file left by a dead one, a refused
//! connection, a slow app, an error from it) is `Ok(None)`: the caller falls
//! back to the keychain and gets the same outcome the long way. Only a
//! person's own "no" in the app (a cancelled MFA prompt) is final.

use super::publish::discover;
use super::routes::{ROTATE_PATH, role_path};
use crate::config::Config;
use crate::credentials::{Credentials, Session};
use crate::error::{Error, Result};
use crate::paths::Paths;
use crate::secret::Sensitive;
use http_body_util::{BodyExt, Empty};
use hyper::Request;
use hyper::body::Bytes;
use hyper::header::{AUTHORIZATION, HOST};
use hyper_util::rt::TokioIo;
use serde::Deserialize;
use std::time::Duration;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// How long connecting to the published endpoint may take. On loopback a
/// live server accepts in well under a millisecond and a dead port refuses
/// at once; this only bounds a wedged machine.
pub const CONNECT_TIMEOUT: Duration = Duration::from_millis(250);

/// The endpoint's answer, zeroed when dropped.
#[derive(Deserialize, Zeroize, ZeroizeOnDrop)]
#[serde(rename_all = "PascalCase")]
struct Answer {
    access_key_id: String,
    secret_access_key: String,
    token: Option<String>,
    expiration: String,
    #[serde(default)]
    role_arn: Option<String>,
}

#[derive(Deserialize)]
struct Failure {
    code: String,
    message: String,
}

/// `role`'s session from the running endpoint, waiting at most `wait` for
/// the answer once connected; `Ok(None)` when there is none to be had.
pub async fn session_from_running(
    paths: &Paths,
    config: &Config,
    role: &str,
    wait: Duration,
) -> Result<Option<Session>> {
    let live = match discover(paths) {
        Ok(live) => live,
        Err(e) => {
            tracing::debug!(code = e.code(), "no running app to ask: {e}");
            return Ok(None);
        }
    };
    let region = config.region_of(role)?;
    let Some(authority) = live.url.strip_prefix("http://").map(str::to_owned) else {
        return Ok(None);
    };
    // A token for this one call: it lapses in a minute.
    let expires = OffsetDateTime::now_utc().unix_timestamp() + 60;
    let token = live.role_token_until(config, role, expires)?;
    let path = role_path(role);
    tracing::debug!(url = %live.url, role, "asking the running app");
    let started = std::time::Instant::now();
    let Some((status, mut body)) = request("GET", &authority, &path, &token, wait).await else {
        tracing::debug!(role, "the running app did not answer: the keychain answers");
        return Ok(None);
    };
    tracing::debug!(
        role,
        status,
        ms = started.elapsed().as_secs_f64() * 1e3,
        "the running app answered"
    );
    let answer = if status == 200 {
        parse_session(&body, role, region)
    } else {
        cancelled(&body).map_or(Ok(None), Err)
    };
    body.zeroize();
    answer
}

/// Asks the running endpoint (the tray app's, or `roletray serve`) for a new
/// secret: every endpoint token handed out so far stops working at once.
pub async fn rotate_running(paths: &Paths) -> Result<()> {
    let live = discover(paths)?;
    let authority = live
        .url
        .strip_prefix("http://")
        .ok_or(Error::EndpointNotRunning)?
        .to_owned();
    let token = live.rotation_token()?;
    let answer = request(
        "POST",
        &authority,
        ROTATE_PATH,
        &token,
        Duration::from_secs(5),
    )
    .await;
    match answer {
        Some((200, _)) => Ok(()),
        Some((status, body)) => Err(Error::io(
            "the credential endpoint did not reset its tokens",
            std::io::Error::other(format!("HTTP {status}: {}", String::from_utf8_lossy(&body))),
        )),
        None => Err(Error::EndpointNotRunning),
    }
}

/// One request over a fresh connection; `None` on any transport failure or timeout.
async fn request(
    method: &str,
    authority: &str,
    path: &str,
    token: &Sensitive<String>,
    wait: Duration,
) -> Option<(u16, Vec<u8>)> {
    let connect = tokio::net::TcpStream::connect(authority);
    let stream = tokio::time::timeout(CONNECT_TIMEOUT, connect)
        .await
        .ok()?
        .ok()?;
    stream.set_nodelay(true).ok();
    let exchange = async {
        let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .ok()?;
        let driver = tokio::spawn(conn);
        let request = Request::builder()
            .method(method)
            .uri(path)
            .header(HOST, authority)
            .header(AUTHORIZATION, token.expose().as_str())
            .body(Empty::<Bytes>::new())
            .ok()?;
        let response = sender.send_request(request).await.ok()?;
        let status = response.status().as_u16();
        let body = response
            .into_body()
            .collect()
            .await
            .ok()?
            .to_bytes()
            .to_vec();
        driver.abort();
        Some((status, body))
    };
    tokio::time::timeout(wait, exchange).await.ok().flatten()
}

fn parse_session(body: &[u8], role: &str, region: Option<String>) -> Result<Option<Session>> {
    let Ok(answer) = serde_json::from_slice::<Answer>(body) else {
        return Ok(None);
    };
    let Ok(expiration) = OffsetDateTime::parse(&answer.expiration, &Rfc3339) else {
        return Ok(None);
    };
    Ok(Some(Session {
        role: role.to_owned(),
        assumed_role_arn: answer.role_arn.clone().unwrap_or_default(),
        credentials: Credentials {
            access_key_id: answer.access_key_id.clone(),
            secret_access_key: Sensitive::new(answer.secret_access_key.clone()),
            session_token: answer.token.clone().map(Sensitive::new),
        },
        expiration,
        region,
    }))
}

/// The person dismissed the app's prompt: asking again elsewhere would be rude.
fn cancelled(body: &[u8]) -> Option<Error> {
    let failure: Failure = serde_json::from_slice(body).ok()?;
    (failure.code == "cancelled").then(|| {
        let message = failure
            .message
            .strip_prefix("cancelled: ")
            .unwrap_or(&failure.message);
        Error::Cancelled(message.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_becomes_a_session_with_the_callers_region() {
        let body = br#"{"AccessKeyId":"ASIAEXAMPLE","SecretAccessKey":"s","Token":"t","Expiration":"2026-11-30T10:00:00Z","RoleArn":"arn:aws:sts::123456789012:assumed-role/dev/me"}"#;
        let s = parse_session(body, "dev", Some("eu-west-1".into()))
            .unwrap()
            .unwrap();
        assert_eq!(s.role, "dev");
        assert_eq!(s.credentials.access_key_id, "ASIAEXAMPLE");
        assert_eq!(s.credentials.secret_access_key.expose(), "s");
        assert_eq!(s.credentials.session_token.unwrap().expose(), "t");
        assert_eq!(s.expiration.unix_timestamp(), 1_796_032_800);
        assert_eq!(s.region.as_deref(), Some("eu-west-1"));
        assert_eq!(
            s.assumed_role_arn,
            "arn:aws:sts::123456789012:assumed-role/dev/me"
        );
    }

    #[test]
    fn garbage_and_errors_fall_back_but_a_cancel_is_final() {
        assert!(parse_session(b"<html>", "dev", None).unwrap().is_none());
        let bad_time =
            br#"{"AccessKeyId":"a","SecretAccessKey":"s","Token":"t","Expiration":"soon"}"#;
        assert!(parse_session(bad_time, "dev", None).unwrap().is_none());
        assert!(cancelled(br#"{"code":"access_denied","message":"no"}"#).is_none());
        let e =
            cancelled(br#"{"code":"cancelled","message":"cancelled: the MFA prompt was closed"}"#)
                .unwrap();
        assert_eq!(e.code(), "cancelled");
        assert_eq!(e.to_string(), "cancelled: the MFA prompt was closed");
    }

    #[tokio::test]
    async fn no_published_endpoint_is_none_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path());
        let got =
            session_from_running(&paths, &Config::default(), "dev", Duration::from_secs(1)).await;
        assert!(got.unwrap().is_none());
    }
}
