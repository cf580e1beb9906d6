//! DPoP proofs (RFC 9449) for AWS Sign-In's token API: a P-256 key made
//! for one sign-in, whose public half travels in every proof's header and
//! to which the sign-in's refresh tokens are bound. The private key lives
//! in the keychain with the sign-in, never in a file.

use crate::error::{Error, Result};
use crate::secret::Sensitive;
use crate::sso::sign_in::base64url;
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
use time::OffsetDateTime;

/// One sign-in's key pair.
pub struct DpopKey {
    pair: EcdsaKeyPair,
    /// The key as PKCS#8, to keep it.
    pkcs8: Sensitive<Vec<u8>>,
}

impl std::fmt::Debug for DpopKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DpopKey").finish_non_exhaustive()
    }
}

fn crypto(what: &str) -> Error {
    Error::Keychain(format!("the sign-in's key {what}"))
}

impl DpopKey {
    /// A new key for a new sign-in.
    pub fn generate() -> Result<DpopKey> {
        let doc =
            EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &SystemRandom::new())
                .map_err(|_| crypto("could not be made"))?;
        DpopKey::from_pkcs8(doc.as_ref())
    }

    /// The key kept as PKCS#8.
    pub fn from_pkcs8(bytes: &[u8]) -> Result<DpopKey> {
        let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, bytes)
            .map_err(|_| crypto("kept in the keychain is not a P-256 key"))?;
        Ok(DpopKey {
            pair,
            pkcs8: Sensitive::new(bytes.to_vec()),
        })
    }

    pub fn pkcs8(&self) -> &Sensitive<Vec<u8>> {
        &self.pkcs8
    }

    /// The public key as a JWK (`x` and `y` 32 bytes each, as RFC 7518 asks).
    pub fn jwk(&self) -> serde_json::Value {
        let point = self.pair.public_key().as_ref();
        // Uncompressed: 0x04, then x and y of 32 bytes each.
        let (x, y) = point[1..].split_at(32);
        serde_json::json!({"kty": "EC", "crv": "P-256", "x": base64url(x), "y": base64url(y)})
    }

    /// The proof for a `POST` to `url`, made at `now`.
    pub fn proof(&self, url: &str, now: OffsetDateTime) -> Result<String> {
        let header = serde_json::json!({"typ": "dpop+jwt", "alg": "ES256", "jwk": self.jwk()});
        let mut jti = [0u8; 16];
        getrandom::fill(&mut jti).map_err(|_| crypto("proof has no randomness"))?;
        let claims = serde_json::json!({
            "htm": "POST",
            "htu": url,
            "iat": now.unix_timestamp(),
            "jti": base64url(&jti),
        });
        let signing_input = format!(
            "{}.{}",
            base64url(header.to_string().as_bytes()),
            base64url(claims.to_string().as_bytes())
        );
        let signature = self
            .pair
            .sign(&SystemRandom::new(), signing_input.as_bytes())
            .map_err(|_| crypto("could not sign"))?;
        Ok(format!("{signing_input}.{}", base64url(signature.as_ref())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED, UnparsedPublicKey};

    fn part(jwt: &str, i: usize) -> serde_json::Value {
        let b64 = jwt.split('.').nth(i).unwrap();
        let bytes = base64url_decode(b64);
        serde_json::from_slice(&bytes).unwrap()
    }

    fn base64url_decode(s: &str) -> Vec<u8> {
        crate::sso::sign_in::base64url_decode(s).unwrap()
    }

    #[test]
    fn a_proof_is_an_es256_jwt_its_own_key_verifies() {
        let key = DpopKey::generate().unwrap();
        let now = time::macros::datetime!(2026-12-02 12:00 UTC);
        let url = "https://eu-west-1.signin.aws.amazon.com/v1/token";
        let proof = key.proof(url, now).unwrap();
        let header = part(&proof, 0);
        assert_eq!(header["typ"], "dpop+jwt");
        assert_eq!(header["alg"], "ES256");
        assert_eq!(header["jwk"]["crv"], "P-256");
        let claims = part(&proof, 1);
        assert_eq!(claims["htm"], "POST");
        assert_eq!(claims["htu"], url);
        assert_eq!(claims["iat"], now.unix_timestamp());
        assert_ne!(claims["jti"], part(&key.proof(url, now).unwrap(), 1)["jti"]);
        // The signature is r‖s over the first two parts, by the key in the header.
        let (input, sig) = proof.rsplit_once('.').unwrap();
        let sig = base64url_decode(sig);
        assert_eq!(sig.len(), 64);
        let mut point = vec![4u8];
        point.extend(base64url_decode(header["jwk"]["x"].as_str().unwrap()));
        point.extend(base64url_decode(header["jwk"]["y"].as_str().unwrap()));
        UnparsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, &point)
            .verify(input.as_bytes(), &sig)
            .unwrap();
        // Kept and read back, it is the same key.
        let again = DpopKey::from_pkcs8(key.pkcs8().expose()).unwrap();
        assert_eq!(again.jwk(), key.jwk());
        assert!(!format!("{key:?}").contains('['));
    }
}
