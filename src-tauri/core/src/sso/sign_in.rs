//! Signing in to Identity Center as the AWS CLI does: the OAuth 2.0
//! authorization code flow with PKCE, redirected to a one-shot listener on
//! 127.0.0.1 (the default), or the device code flow (asked for, or when no
//! browser can be opened). Either ends in a [`SignIn`] for the keychain.

use super::oidc::{self, Grant, TokenGrant, TokenRefusal};
use super::source::SsoSource;
use super::tokens::{Registration, SignIn};
use crate::error::{Error, Result};
use crate::secret::Sensitive;
use sha2::{Digest, Sha256};
use std::time::Duration;
use time::OffsetDateTime;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// How long the browser's redirect, or the device code's approval, is awaited.
const APPROVAL_WAIT: Duration = Duration::from_secs(600);
/// The path of the loopback redirect.
const CALLBACK_PATH: &str = "/oauth/callback";
/// A registration this close to its end is replaced, not reused.
const REGISTRATION_MARGIN_SECONDS: i64 = 86_400;

/// Which flow to sign in with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SignInMethod {
    /// The browser, redirected to 127.0.0.1 (PKCE); the device code when
    /// no browser can be opened.
    #[default]
    Browser,
    /// The device code: a page and a code to confirm on it.
    DeviceCode,
}

/// What the face shows while a sign-in waits for the person.
pub trait SignInPrompt: Send + Sync {
    /// Opens `url` in the person's browser; false when none could be opened.
    fn open_browser(&self, url: &str) -> bool;
    /// The browser was asked to open `url`: say so, and how to get there
    /// if it did not open.
    fn browser_opened(&self, url: &str);
    /// The code to confirm on the verification page (the device flow).
    fn device_code(&self, user_code: &str, verification_uri: &str, complete: Option<&str>);
}

/// Signs in to `source` (named `name`) with `method`, reusing the client
/// registration of `previous` when it suits.
pub async fn sign_in(
    name: &str,
    source: &SsoSource,
    method: SignInMethod,
    prompt: &dyn SignInPrompt,
    previous: Option<&SignIn>,
) -> Result<SignIn> {
    if method == SignInMethod::Browser {
        match browser_flow(name, source, prompt).await {
            Err(Error::CommandFailed { .. }) => {
                tracing::info!(
                    sso = name,
                    "no browser could be opened: the device code instead"
                );
            }
            other => return other,
        }
    }
    device_flow(name, source, prompt, previous).await
}

/// A new access token from the refresh token.
pub async fn refresh(previous: &SignIn) -> Result<SignIn> {
    let refresh = previous
        .refresh_token
        .as_ref()
        .map(|t| Sensitive::new(t.clone()))
        .ok_or_else(|| Error::SsoSignInRequired("the sign-in cannot be renewed".into()))?;
    let token = oidc::create_token(
        &previous.region,
        &previous.registration,
        TokenGrant::Refresh(&refresh),
    )
    .await
    .map_err(refusal_error)?;
    let now = OffsetDateTime::now_utc();
    let mut next = previous.clone();
    next.access_token = token.access_token.expose().clone();
    next.access_expires_at = oidc::after(now, token.expires_in);
    if let Some(r) = token.refresh_token {
        next.refresh_token = Some(r.expose().clone());
    }
    Ok(next)
}

fn refusal_error(r: TokenRefusal) -> Error {
    match r {
        TokenRefusal::Failed(e) => e,
        TokenRefusal::Pending | TokenRefusal::SlowDown => Error::Sso {
            code: "CreateToken".into(),
            message: "the token was not ready".into(),
        },
    }
}

fn finish(source: &SsoSource, registration: Registration, token: oidc::Token) -> SignIn {
    let now = OffsetDateTime::now_utc();
    SignIn {
        v: SignIn::VERSION,
        start_url: source.start_url.clone(),
        region: source.region.clone(),
        sign_in_ends_at: registration.expires_at,
        registration,
        access_token: token.access_token.expose().clone(),
        access_expires_at: oidc::after(now, token.expires_in),
        refresh_token: token.refresh_token.map(|t| t.expose().clone()),
    }
}

/// A one-shot listener for the browser's redirect, on 127.0.0.1 only
/// (nothing else on the network may answer), and its redirect URI.
pub(crate) async fn loopback_listener() -> Result<(TcpListener, String)> {
    let failed = |e| Error::io("cannot listen on 127.0.0.1 for the sign-in", e);
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.map_err(failed)?;
    let port = listener.local_addr().map_err(failed)?.port();
    Ok((listener, format!("http://127.0.0.1:{port}{CALLBACK_PATH}")))
}

async fn browser_flow(name: &str, source: &SsoSource, prompt: &dyn SignInPrompt) -> Result<SignIn> {
    let (listener, redirect_uri) = loopback_listener().await?;
    let scopes = source.scopes_or_default();
    let registration = oidc::register(
        &source.region,
        &client_name(name),
        &scopes,
        Grant::Pkce,
        &source.start_url,
        Some(&redirect_uri),
    )
    .await?;
    let state = random_token(32)?;
    let verifier = Sensitive::new(random_token(64)?);
    let challenge = base64url(&Sha256::digest(verifier.expose().as_bytes()));
    let mut url = url::Url::parse(&format!("{}/authorize", oidc::endpoint(&source.region)))
        .map_err(|e| Error::invalid("AWS_ENDPOINT_URL_SSO_OIDC", e.to_string()))?;
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", &registration.client_id)
        .append_pair("redirect_uri", &redirect_uri)
        .append_pair("state", &state)
        .append_pair("code_challenge_method", "S256")
        .append_pair("scopes", &scopes.join(" "))
        .append_pair("code_challenge", &challenge);
    if !prompt.open_browser(url.as_str()) {
        return Err(Error::CommandFailed {
            program: "the browser".into(),
            message: "could not be opened".into(),
        });
    }
    prompt.browser_opened(url.as_str());
    let code = tokio::time::timeout(
        APPROVAL_WAIT,
        redirected_code(&listener, &state, CALLBACK_PATH),
    )
    .await
    .map_err(|_| Error::SsoSignInRefused("the browser did not come back in 10 minutes".into()))??;
    let token = oidc::create_token(
        &source.region,
        &registration,
        TokenGrant::Code {
            code: &code,
            verifier: &verifier,
            redirect_uri: &redirect_uri,
        },
    )
    .await
    .map_err(refusal_error)?;
    Ok(finish(source, registration, token))
}

/// Waits for the browser's redirect to `path` with our `state`, answers it
/// with a page that says what happened, and returns the code.
pub(crate) async fn redirected_code(
    listener: &TcpListener,
    state: &str,
    path: &str,
) -> Result<Sensitive<String>> {
    loop {
        let (mut stream, _) = listener
            .accept()
            .await
            .map_err(|e| Error::io("the sign-in listener failed", e))?;
        let mut buf = vec![0u8; 8192];
        let mut len = 0;
        while len < buf.len() {
            let n = stream.read(&mut buf[len..]).await.unwrap_or(0);
            if n == 0 {
                break;
            }
            len += n;
            if buf[..len].windows(4).any(|w| w == b"\r\n\r\n") {
                break;
            }
        }
        let request = String::from_utf8_lossy(&buf[..len]);
        let target = request
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("GET "))
            .and_then(|l| l.split(' ').next())
            .unwrap_or_default()
            .to_owned();
        let Ok(url) = url::Url::parse(&format!("http://127.0.0.1{target}")) else {
            let _ = respond(&mut stream, 400, "This is not a sign-in answer.").await;
            continue;
        };
        if url.path() != path {
            let _ = respond(&mut stream, 404, "Not found.").await;
            continue;
        }
        let param = |k: &str| {
            url.query_pairs()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.into_owned())
        };
        if param("state").as_deref() != Some(state) {
            // Not our redirect (an old tab, another program): keep waiting.
            let _ = respond(
                &mut stream,
                400,
                "This sign-in answer is not the one RoleTray is waiting for.",
            )
            .await;
            continue;
        }
        if let Some(error) = param("error") {
            let _ = respond(
                &mut stream,
                200,
                "The sign-in was refused. You can close this tab.",
            )
            .await;
            let detail = param("error_description").unwrap_or_default();
            return Err(Error::SsoSignInRefused(
                format!("{error} {detail}").trim().to_owned(),
            ));
        }
        let Some(code) = param("code") else {
            let _ = respond(&mut stream, 400, "The answer held no code.").await;
            continue;
        };
        let _ = respond(
            &mut stream,
            200,
            "Signed in to RoleTray. You can close this tab.",
        )
        .await;
        return Ok(Sensitive::new(code));
    }
}

async fn respond(
    stream: &mut tokio::net::TcpStream,
    status: u16,
    text: &str,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Bad Request",
    };
    let body = format!(
        "<!doctype html><meta charset=utf-8><title>RoleTray</title>\
         <body style=\"font-family:sans-serif;margin:3em\"><p>{text}</p></body>"
    );
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\n\
         Content-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body.as_bytes()).await?;
    stream.shutdown().await
}

async fn device_flow(
    name: &str,
    source: &SsoSource,
    prompt: &dyn SignInPrompt,
    previous: Option<&SignIn>,
) -> Result<SignIn> {
    let scopes = source.scopes_or_default();
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let reusable = previous
        .map(|p| &p.registration)
        .filter(|r| {
            r.grant == Grant::Device.as_str()
                && r.scopes == scopes
                && r.expires_at > now + REGISTRATION_MARGIN_SECONDS
        })
        .filter(|_| {
            previous.is_some_and(|p| p.start_url == source.start_url && p.region == source.region)
        })
        .cloned();
    let registration = match reusable {
        Some(r) => r,
        None => {
            oidc::register(
                &source.region,
                &client_name(name),
                &scopes,
                Grant::Device,
                &source.start_url,
                None,
            )
            .await?
        }
    };
    let device = oidc::start_device(&source.region, &registration, &source.start_url).await?;
    prompt.device_code(
        &device.user_code,
        &device.verification_uri,
        device.verification_uri_complete.as_deref(),
    );
    if let Some(page) = &device.verification_uri_complete {
        prompt.open_browser(page);
    }
    let wait = Duration::from_secs(u64::try_from(device.expires_in.max(1)).unwrap_or(600))
        .min(APPROVAL_WAIT);
    let deadline = tokio::time::Instant::now() + wait;
    let mut interval = Duration::from_secs(device.interval);
    loop {
        tokio::time::sleep(interval).await;
        if tokio::time::Instant::now() > deadline {
            return Err(Error::SsoSignInRefused(
                "the code was not confirmed in time; sign in again".into(),
            ));
        }
        match oidc::create_token(
            &source.region,
            &registration,
            TokenGrant::Device(&device.device_code),
        )
        .await
        {
            Ok(token) => return Ok(finish(source, registration, token)),
            Err(TokenRefusal::Pending) => {}
            Err(TokenRefusal::SlowDown) => interval += Duration::from_secs(5),
            Err(TokenRefusal::Failed(e)) => return Err(e),
        }
    }
}

fn client_name(name: &str) -> String {
    format!("roletray-{name}")
}

/// `bytes` random bytes, base64url without padding.
pub(crate) fn random_token(bytes: usize) -> Result<String> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf)
        .map_err(|e| Error::io("no randomness", std::io::Error::other(e.to_string())))?;
    Ok(base64url(&buf))
}

/// Base64url without padding (RFC 4648 §5), as PKCE wants it.
pub fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | u32::from(*b) << (16 - 8 * i));
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// The bytes of base64url text (padded or not); `None` when it is not.
pub(crate) fn base64url_decode(s: &str) -> Option<Vec<u8>> {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let (mut bits, mut n, mut out) = (0u32, 0u32, Vec::new());
    for c in s.trim_end_matches('=').bytes() {
        let v = u32::try_from(A.iter().position(|a| *a == c)?).ok()?;
        bits = (bits << 6 | v) & 0xff_ffff;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push(u8::try_from(bits >> n & 0xff).ok()?);
        }
    }
    Some(out)
}

/// Standard or URL-safe base64, padded or not.
pub(crate) fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let url_safe: String = s
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    base64url_decode(&url_safe)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_matches_rfc_4648_and_the_pkce_example() {
        assert_eq!(base64url(b""), "");
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(b"foob"), "Zm9vYg");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
        // RFC 7636 appendix B.
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assert_eq!(
            base64url(&Sha256::digest(verifier.as_bytes())),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        assert_eq!(random_token(64).unwrap().len(), 86);
    }
}
