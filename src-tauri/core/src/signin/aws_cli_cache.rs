//! The AWS CLI's own copy of an `aws login` sign-in: a plaintext JSON file
//! at `~/.aws/login/cache/<sha256 of the login_session>.json` (the
//! directory is [`crate::paths::aws_login_cache_dir`]), holding the refresh token, the DPoP key as
//! a SEC1 PEM, the ID token and the current credentials. `import
//! --remove-keys` reads it into a [`SignedIn`] for the keychain and deletes
//! it; nothing here writes one.

use super::state::{SIGN_IN_SECONDS, SignedIn};
use super::token_api::{CROSS_DEVICE, SAME_DEVICE, id_token_claims};
use crate::error::{Error, Result};
use crate::secret::Sensitive;
use crate::sso::sign_in::{base64_decode, base64url};
use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// The cache file of the sign-in `login_session` (the profile's value,
/// the signed-in identity's ARN) in `dir`.
pub fn cache_file(dir: &Path, login_session: &str) -> PathBuf {
    let digest = Sha256::digest(login_session.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    dir.join(format!("{hex}.json"))
}

/// The file as `aws login` writes it; every secret zeroed when dropped.
#[derive(Deserialize, Zeroize, ZeroizeOnDrop)]
#[serde(rename_all = "camelCase")]
struct CacheFile {
    access_token: CachedCredentials,
    client_id: String,
    refresh_token: String,
    id_token: String,
    dpop_key: String,
}

#[derive(Deserialize, Zeroize, ZeroizeOnDrop)]
#[serde(rename_all = "camelCase")]
struct CachedCredentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: String,
    expires_at: String,
}

/// The sign-in the AWS CLI keeps in `text` (a cache file's contents) for
/// the profile whose `login_session` is `login_session`, as RoleTray keeps
/// one for `region`. Refused when it is damaged, of another identity, or
/// of a client that is not the AWS CLI's.
pub fn signed_in_from(
    text: &Sensitive<String>,
    login_session: &str,
    region: &str,
    path: &Path,
) -> Result<SignedIn> {
    let damaged = |why: &str| Error::AwsFileInvalid {
        path: path.to_owned(),
        line: None,
        message: format!("the AWS CLI's sign-in cannot be read: {why}"),
    };
    let file: CacheFile = serde_json::from_str(text.expose())
        .map_err(|_| damaged("it is not the JSON `aws login` writes"))?;
    if ![SAME_DEVICE, CROSS_DEVICE].contains(&file.client_id.as_str()) {
        return Err(damaged("its clientId is not the AWS CLI's"));
    }
    let claims = id_token_claims(&file.id_token).ok_or_else(|| damaged("its idToken"))?;
    let identity = claims["sub"].as_str().unwrap_or_default();
    if identity != login_session {
        return Err(damaged(
            "it is another identity's than the profile's login_session",
        ));
    }
    let expires_at = OffsetDateTime::parse(&file.access_token.expires_at, &Rfc3339)
        .map_err(|_| damaged("its expiresAt is not a time"))?
        .unix_timestamp();
    // The sign-in began when its ID token was first issued (refreshes
    // bring none): it ends 12 hours after.
    let began = ["auth_time", "iat"]
        .iter()
        .find_map(|c| claims[*c].as_i64())
        .unwrap_or_else(|| OffsetDateTime::now_utc().unix_timestamp());
    Ok(SignedIn {
        v: SignedIn::VERSION,
        region: region.to_owned(),
        client_id: file.client_id.clone(),
        identity_arn: identity.to_owned(),
        dpop_key: pkcs8_of_pem(&file.dpop_key).map_err(|()| damaged("its dpopKey"))?,
        refresh_token: file.refresh_token.clone(),
        access_key_id: file.access_token.access_key_id.clone(),
        secret_access_key: file.access_token.secret_access_key.clone(),
        session_token: file.access_token.session_token.clone(),
        expires_at,
        ends_at: began + SIGN_IN_SECONDS,
    })
}

/// A P-256 key in PEM (SEC1 `EC PRIVATE KEY`, as `aws login` writes it,
/// or PKCS#8) as the keychain keeps it: PKCS#8 in base64url.
fn pkcs8_of_pem(pem: &str) -> std::result::Result<String, ()> {
    let mut body: String = pem
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .flat_map(|l| l.trim().chars())
        .collect();
    let der = Sensitive::new(base64_decode(&body).ok_or(())?);
    body.zeroize();
    let pair = EcdsaKeyPair::from_private_key_der(&ECDSA_P256_SHA256_FIXED_SIGNING, der.expose())
        .map_err(|_| ())?;
    let doc = pair.to_pkcs8v1().map_err(|_| ())?;
    Ok(base64url(doc.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    // A P-256 key made for this test with `openssl ecparam -name
    // prime256v1 -genkey -noout` (SEC1, as `aws login` caches it).
    const PEM: &str = "-----BEGIN EC PRIVATE KEY-----\n\
MHcCAQEEIGUq5wiIKFtgHS+BEKV8P0Vx3Jm82NXdSTqDWvN1wsaQoAoGCCqGSM49\n\
AwEHoUQDQgAEUVMjFGUWCUCOOx8mV5wr6BIrK+abgmJ8s+2mP8jzoSuuw944m7j0\n\
CM597dR2q7H185rXCX//i8knqUARPNT3Pw==\n\
-----END EC PRIVATE KEY-----\n";
    const ARN: &str = "arn:aws:sts::111122223333:assumed-role/dev/alice";

    fn id_token(claims: serde_json::Value) -> String {
        format!(
            "{}.{}.sig",
            base64url(br#"{"alg":"ES384"}"#),
            base64url(claims.to_string().as_bytes())
        )
    }

    fn file(client: &str, claims: serde_json::Value) -> Sensitive<String> {
        Sensitive::new(
            serde_json::json!({
                "accessToken": {
                    "accessKeyId": "ASIAEXAMPLE", "secretAccessKey": "s3cret",
                    "sessionToken": "t0ken", "accountId": "111122223333",
                    "expiresAt": "2026-12-02T10:15:00Z"
                },
                "tokenType": "aws_sigv4",
                "clientId": client,
                "refreshToken": "ASORrefresh",
                "idToken": id_token(claims),
                "dpopKey": PEM,
            })
            .to_string(),
        )
    }

    #[test]
    fn the_aws_clis_file_becomes_a_kept_sign_in() {
        let claims =
            serde_json::json!({"sub": ARN, "iat": 1_764_000_500, "auth_time": 1_764_000_000});
        let path = Path::new("/c.json");
        let s = signed_in_from(&file(SAME_DEVICE, claims), ARN, "eu-west-2", path).unwrap();
        assert_eq!(
            (
                s.identity_arn.as_str(),
                s.client_id.as_str(),
                s.region.as_str()
            ),
            (ARN, SAME_DEVICE, "eu-west-2")
        );
        assert_eq!(
            (s.refresh_token.as_str(), s.session_token.as_str()),
            ("ASORrefresh", "t0ken")
        );
        assert_eq!(s.expires_at, 1_796_206_500);
        assert_eq!(s.ends_at, 1_764_000_000 + 12 * 3600);
        // The key serves as a DPoP key, and is the PEM's (the same public point).
        let key = s.key().unwrap();
        assert_eq!(key.jwk()["crv"], "P-256");
        let again = pkcs8_of_pem(PEM).unwrap();
        assert_eq!(s.dpop_key, again);
        // Without auth_time, iat is when it began.
        let claims = serde_json::json!({"sub": ARN, "iat": 1_764_000_500});
        let s = signed_in_from(&file(CROSS_DEVICE, claims), ARN, "us-east-1", path).unwrap();
        assert_eq!(s.ends_at, 1_764_000_500 + 12 * 3600);
    }

    #[test]
    fn damaged_foreign_or_other_identities_files_are_refused() {
        let path = Path::new("/c.json");
        let ok = serde_json::json!({"sub": ARN, "iat": 1});
        let code = |r: Result<SignedIn>| r.unwrap_err().code();
        assert_eq!(
            code(signed_in_from(
                &file("arn:aws:signin:::devtools/other", ok.clone()),
                ARN,
                "us-east-1",
                path
            )),
            "aws_file_invalid"
        );
        let other = serde_json::json!({"sub": "arn:aws:iam::111122223333:user/bob"});
        assert!(
            signed_in_from(&file(SAME_DEVICE, other), ARN, "us-east-1", path)
                .unwrap_err()
                .to_string()
                .contains("another identity")
        );
        let text = Sensitive::new(
            file(SAME_DEVICE, ok)
                .expose()
                .replace("MHcCAQEEIGUq", "MHcCAQEEIGUr"),
        );
        assert!(
            signed_in_from(&text, ARN, "us-east-1", path)
                .unwrap_err()
                .to_string()
                .contains("dpopKey")
        );
        let text = Sensitive::new("{not json".to_owned());
        assert_eq!(
            code(signed_in_from(&text, ARN, "us-east-1", path)),
            "aws_file_invalid"
        );
    }

    #[test]
    fn the_file_is_named_by_the_sha256_of_the_session() {
        // hashlib.sha256(b"abc").hexdigest(), as botocore names it.
        assert_eq!(
            cache_file(Path::new("/d"), "abc"),
            Path::new("/d/ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad.json")
        );
    }
}
