//! The one HTTP call of console sign-in: `getSigninToken` at the federation
//! endpoint, through RoleTray's one HTTP client (`net`).

use crate::error::{Error, Result};
use crate::secret::Sensitive;
use hyper::StatusCode;
use zeroize::Zeroize;

/// The largest answer read (a sign-in token is about 1 KB).
const MAX_ANSWER: usize = 64 * 1024;

/// Asks the federation endpoint for a sign-in token. `request` is the full
/// `getSigninToken` URL (it holds the role's credentials); `endpoint` names
/// the endpoint in messages.
pub async fn signin_token(
    request: &Sensitive<String>,
    endpoint: &str,
) -> Result<Sensitive<String>> {
    let unreachable = |message: String| Error::FederationUnreachable {
        endpoint: endpoint.to_owned(),
        message,
    };
    let answer = crate::net::send(
        "GET",
        request.expose(),
        &[("accept", "application/json".to_owned())],
        None,
        MAX_ANSWER,
        unreachable,
    )
    .await?;
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::BAD_GATEWAY);
    parse(status, &answer.body)
}

/// The sign-in token from the endpoint's answer.
fn parse(status: StatusCode, body: &[u8]) -> Result<Sensitive<String>> {
    if status != StatusCode::OK {
        return Err(Error::Federation(format!(
            "the federation endpoint answered HTTP {}{}",
            status.as_u16(),
            excerpt(body)
        )));
    }
    #[derive(serde::Deserialize)]
    struct Answer {
        #[serde(rename = "SigninToken")]
        signin_token: String,
    }
    match serde_json::from_slice::<Answer>(body) {
        Ok(mut a) if !a.signin_token.is_empty() => {
            let token = Sensitive::new(a.signin_token.clone());
            a.signin_token.zeroize();
            Ok(token)
        }
        _ => Err(Error::Federation(
            "the federation endpoint's answer holds no SigninToken".into(),
        )),
    }
}

/// `: first line of the body`, short, for an error message (error pages
/// carry no secret; the request's credentials are never echoed here).
fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let line: String = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect();
    if line.is_empty() {
        String::new()
    } else {
        format!(": {line}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_token_or_says_what_came_instead() {
        let ok = parse(StatusCode::OK, br#"{"SigninToken":"abc"}"#).unwrap();
        assert_eq!(ok.expose(), "abc");
        let e = parse(StatusCode::OK, b"<html>").unwrap_err();
        assert_eq!(e.code(), "federation_failed");
        let e = parse(StatusCode::BAD_REQUEST, b"\n  Bad Request\nmore").unwrap_err();
        assert_eq!(
            e.to_string(),
            "AWS console sign-in failed: the federation endpoint answered HTTP 400: Bad Request"
        );
    }

    #[tokio::test]
    async fn a_closed_port_is_unreachable() {
        // No proxy: the desktop's settings are not this test's business.
        crate::net::use_settings(crate::net::NetSettings {
            proxy: crate::net::choice::ProxyChoice::Direct,
            ..Default::default()
        });
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let request = Sensitive::new(format!(
            "http://127.0.0.1:{port}/federation?Action=getSigninToken"
        ));
        let e = signin_token(&request, "127.0.0.1").await.unwrap_err();
        assert_eq!(e.code(), "federation_unreachable", "{e}");
        assert!(!e.to_string().contains("getSigninToken"), "{e}");
    }
}
