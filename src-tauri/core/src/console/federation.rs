//! The one HTTP call of console sign-in: `getSigninToken` at the federation
//! endpoint, over HTTPS with the operating system's root certificates (the
//! hyper and rustls stack the AWS SDK already uses).

use crate::error::{Error, Result};
use crate::secret::Sensitive;
use http_body_util::{BodyExt, Empty, Limited};
use hyper::body::Bytes;
use hyper::header::{ACCEPT, USER_AGENT};
use hyper::{Request, StatusCode};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::time::Duration;
use zeroize::Zeroize;

/// How long the whole call may take.
const TIMEOUT: Duration = Duration::from_secs(20);
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
    let connector = https_connector().map_err(unreachable)?;
    let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new()).build(connector);
    let uri: hyper::Uri = request
        .expose()
        .parse()
        .map_err(|_| Error::invalid("federation-url", "cannot be made into a request"))?;
    let req = Request::get(uri)
        .header(USER_AGENT, concat!("roletray/", env!("CARGO_PKG_VERSION")))
        .header(ACCEPT, "application/json")
        .body(Empty::new())
        .map_err(|_| Error::invalid("federation-url", "cannot be made into a request"))?;
    let call = async {
        let response = client
            .request(req)
            .await
            .map_err(|e| unreachable(error_chain(&e)))?;
        let status = response.status();
        let body = Limited::new(response.into_body(), MAX_ANSWER)
            .collect()
            .await
            .map_err(|e| unreachable(format!("the answer broke off: {e}")))?
            .to_bytes();
        Ok::<_, Error>((status, body))
    };
    let (status, body) = tokio::time::timeout(TIMEOUT, call)
        .await
        .map_err(|_| unreachable("no answer in time".into()))??;
    parse(status, &body)
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

/// HTTPS (and plain HTTP, for loopback stand-ins) with the operating
/// system's root certificates, as the AWS SDK connects.
pub(crate) fn https_connector() -> std::result::Result<
    hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>,
    String,
> {
    Ok(hyper_rustls::HttpsConnectorBuilder::new()
        .with_provider_and_native_roots(rustls::crypto::aws_lc_rs::default_provider())
        .map_err(|e| format!("no trusted root certificates: {e}"))?
        .https_or_http()
        .enable_http1()
        .build())
}

/// An error and its causes on one line ("client error (Connect): tcp connect
/// error: Connection refused").
pub(crate) fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
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
