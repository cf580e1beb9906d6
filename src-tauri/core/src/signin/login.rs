//! Signing in as `aws login` does: the browser on this machine, redirected
//! to a one-shot listener on 127.0.0.1 only (PKCE), or `--remote`: a page
//! on any device shows a code the person pastes here. Either ends in a
//! [`SignedIn`] for the keychain, with a DPoP key made for it.

use super::dpop::DpopKey;
use super::state::{SIGN_IN_SECONDS, SignedIn};
use super::token_api::{self, CROSS_DEVICE, Grant, SAME_DEVICE};
use crate::error::{Error, Result};
use crate::secret::Sensitive;
use crate::sso::sign_in::{
    SignInPrompt, base64_decode, base64url, loopback_listener, random_token, redirected_code,
};
use sha2::{Digest, Sha256};
use std::time::Duration;
use time::OffsetDateTime;

/// How long the browser, or the pasted code, is awaited.
const APPROVAL_WAIT: Duration = Duration::from_secs(600);
/// The path of the loopback redirect (as `aws login` has it).
const CALLBACK_PATH: &str = "/oauth/callback";

/// Asks the person for the code the confirmation page showed (`--remote`).
pub trait PastedCode: Send + Sync {
    /// Shows `url` to open on any device, and reads the code pasted back.
    fn code_from(&self, url: &str) -> Result<Sensitive<String>>;
}

/// How the browser step goes.
pub enum Via<'a> {
    /// A browser on this machine.
    Browser(&'a dyn SignInPrompt),
    /// A page opened anywhere; the code it shows is pasted.
    Remote(&'a dyn PastedCode),
}

/// A new sign-in in `region`.
pub async fn sign_in(region: &str, via: Via<'_>) -> Result<SignedIn> {
    let base = token_api::base_url(region);
    let state = random_token(32)?;
    let verifier = Sensitive::new(random_token(32)?);
    let challenge = base64url(&Sha256::digest(verifier.expose().as_bytes()));
    let authorize = |client_id: &str, redirect_uri: &str| -> Result<String> {
        let mut url = url::Url::parse(&format!("{base}/v1/authorize"))
            .map_err(|e| Error::invalid("AWS_ENDPOINT_URL_SIGNIN", e.to_string()))?;
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", client_id)
            .append_pair("state", &state)
            .append_pair("code_challenge_method", "SHA-256")
            .append_pair("scope", "openid")
            .append_pair("redirect_uri", redirect_uri)
            .append_pair("code_challenge", &challenge);
        Ok(url.into())
    };
    let (client_id, redirect_uri, code) = match via {
        Via::Browser(prompt) => {
            let (listener, redirect_uri) = loopback_listener().await?;
            let url = authorize(SAME_DEVICE, &redirect_uri)?;
            if !prompt.open_browser(&url) {
                return Err(Error::CommandFailed {
                    program: "the browser".into(),
                    message: "could not be opened: sign in with --remote".into(),
                });
            }
            prompt.browser_opened(&url);
            let wait = redirected_code(&listener, &state, CALLBACK_PATH);
            let code = tokio::time::timeout(APPROVAL_WAIT, wait)
                .await
                .map_err(|_| {
                    Error::SignInEnded("the browser did not come back in 10 minutes".into())
                })??;
            (SAME_DEVICE, redirect_uri, code)
        }
        Via::Remote(paste) => {
            let redirect_uri = format!("{base}/v1/sessions/confirmation");
            let url = authorize(CROSS_DEVICE, &redirect_uri)?;
            let pasted = paste.code_from(&url)?;
            let code = code_of_pasted(pasted.expose(), &state)?;
            (CROSS_DEVICE, redirect_uri, code)
        }
    };
    let key = DpopKey::generate()?;
    let grant = Grant::Code {
        code: &code,
        verifier: &verifier,
        redirect_uri: &redirect_uri,
    };
    let tokens = token_api::create_token(&base, client_id, &key, grant).await?;
    let identity_arn = tokens
        .id_token
        .as_deref()
        .and_then(token_api::id_token_subject)
        .ok_or_else(|| Error::Signin {
            code: "invalid_answer".into(),
            message: "the first answer named no identity (no idToken)".into(),
        })?;
    let now = OffsetDateTime::now_utc().unix_timestamp();
    Ok(SignedIn {
        v: SignedIn::VERSION,
        region: region.to_owned(),
        client_id: client_id.to_owned(),
        identity_arn,
        dpop_key: base64url(key.pkcs8().expose()),
        refresh_token: tokens.refresh_token.expose().clone(),
        access_key_id: tokens.access_key_id,
        secret_access_key: tokens.secret_access_key.expose().clone(),
        session_token: tokens.session_token.expose().clone(),
        expires_at: now + tokens.expires_in,
        ends_at: now + SIGN_IN_SECONDS,
    })
}

/// The code in what the confirmation page showed: base64 of
/// `state=…&code=…`, whose state must be ours.
fn code_of_pasted(pasted: &str, state: &str) -> Result<Sensitive<String>> {
    let bad = |why: &str| Error::invalid("code", why);
    let text = pasted.trim();
    let decoded =
        base64_decode(text).ok_or_else(|| bad("this is not the code the sign-in page shows"))?;
    let decoded = Sensitive::new(String::from_utf8_lossy(&decoded).into_owned());
    let mut code = None;
    let mut seen_state = None;
    for (k, v) in url::form_urlencoded::parse(decoded.expose().as_bytes()) {
        match k.as_ref() {
            "code" => code = Some(Sensitive::new(v.into_owned())),
            "state" => seen_state = Some(v.into_owned()),
            _ => {}
        }
    }
    if seen_state.as_deref() != Some(state) {
        return Err(bad(
            "this code is from another sign-in: start again and paste its code",
        ));
    }
    code.ok_or_else(|| bad("the pasted code holds no authorization code"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_code_is_ours_or_refused() {
        let state = "st4te";
        let pasted = base64url(b"state=st4te&code=c0de");
        assert_eq!(code_of_pasted(&pasted, state).unwrap().expose(), "c0de");
        let other = base64url(b"state=other&code=c0de");
        let e = code_of_pasted(&other, state).unwrap_err();
        assert!(e.to_string().contains("another sign-in"), "{e}");
        assert_eq!(
            code_of_pasted("not base64 !", state).unwrap_err().code(),
            "invalid_input"
        );
    }
}
