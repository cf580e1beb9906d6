//! The addresses of console sign-in, per partition, and the two URLs of the
//! federation flow: the `getSigninToken` request and the `login` link.

use crate::credentials::Credentials;
use crate::error::{Error, Result};
use crate::secret::Sensitive;
use crate::validate;
use url::Url;

/// What the console shows as the sign-in's issuer.
pub const ISSUER: &str = "RoleTray";

/// The sign-in and console hosts of an AWS partition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hosts {
    pub signin: &'static str,
    pub console: &'static str,
}

/// The hosts of `partition` (`aws`, `aws-cn`, `aws-us-gov`; anything else is `aws`).
pub fn hosts(partition: &str) -> Hosts {
    match partition {
        "aws-cn" => Hosts {
            signin: "signin.amazonaws.cn",
            console: "console.amazonaws.cn",
        },
        "aws-us-gov" => Hosts {
            signin: "signin.amazonaws-us-gov.com",
            console: "console.amazonaws-us-gov.com",
        },
        _ => Hosts {
            signin: "signin.aws.amazon.com",
            console: "console.aws.amazon.com",
        },
    }
}

/// The federation endpoint: the `federation-url` setting when set, else the
/// partition's own. Checked either way (https, or http on loopback only).
pub fn federation_base(setting: Option<&str>, partition: &str) -> Result<Url> {
    match setting {
        Some(url) => validate::federation_url(url),
        None => {
            validate::federation_url(&format!("https://{}/federation", hosts(partition).signin))
        }
    }
}

/// Where the browser lands after signing in: `given` (an https URL, or a
/// path on the partition's console such as `/s3/home`), else the console
/// home in `region` when there is one.
pub fn destination(partition: &str, region: Option<&str>, given: Option<&str>) -> Result<String> {
    let console = format!("https://{}", hosts(partition).console);
    match given {
        Some(path) if path.starts_with('/') => Ok(format!("{console}{path}")),
        Some(url) => match Url::parse(url) {
            Ok(u) if u.scheme() == "https" && u.host().is_some() => Ok(url.to_owned()),
            _ => Err(Error::invalid(
                "destination",
                "must be an https:// URL or a console path such as /s3/home",
            )),
        },
        None => Ok(match region {
            Some(r) => format!("{console}/console/home?region={r}"),
            None => format!("{console}/console/home"),
        }),
    }
}

/// `BASE?Action=getSigninToken[&SessionDuration=S]&Session={"sessionId",
/// "sessionKey","sessionToken"}`: it holds the role's secret key.
pub fn signin_token_request(
    base: &Url,
    credentials: &Credentials,
    session_duration: Option<u32>,
) -> Result<Sensitive<String>> {
    let token = credentials.session_token.as_ref().ok_or_else(|| {
        Error::invalid(
            "session",
            "console sign-in needs temporary credentials with a session token",
        )
    })?;
    let session = Sensitive::new(
        serde_json::json!({
            "sessionId": credentials.access_key_id,
            "sessionKey": credentials.secret_access_key.expose(),
            "sessionToken": token.expose(),
        })
        .to_string(),
    );
    let mut url = base.clone();
    {
        let mut query = url.query_pairs_mut();
        query.append_pair("Action", "getSigninToken");
        if let Some(seconds) = session_duration {
            query.append_pair("SessionDuration", &seconds.to_string());
        }
        query.append_pair("Session", session.expose());
    }
    Ok(Sensitive::new(url.into()))
}

/// `BASE?Action=login&Issuer=RoleTray&Destination=D&SigninToken=T`: whoever
/// holds it is signed in as the role, so it is `Sensitive`.
pub fn login(base: &Url, destination: &str, signin_token: &Sensitive<String>) -> Sensitive<String> {
    let mut url = base.clone();
    url.query_pairs_mut()
        .append_pair("Action", "login")
        .append_pair("Issuer", ISSUER)
        .append_pair("Destination", destination)
        .append_pair("SigninToken", signin_token.expose());
    Sensitive::new(url.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(url: &str) -> Vec<(String, String)> {
        Url::parse(url)
            .unwrap()
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    #[test]
    fn each_partition_has_its_hosts() {
        let base = |p| federation_base(None, p).unwrap().to_string();
        assert_eq!(base("aws"), "https://signin.aws.amazon.com/federation");
        assert_eq!(base("aws-cn"), "https://signin.amazonaws.cn/federation");
        assert_eq!(
            base("aws-us-gov"),
            "https://signin.amazonaws-us-gov.com/federation"
        );
        assert_eq!(
            destination("aws-cn", None, None).unwrap(),
            "https://console.amazonaws.cn/console/home"
        );
        assert_eq!(
            destination("aws-us-gov", Some("us-gov-west-1"), None).unwrap(),
            "https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1"
        );
        assert_eq!(
            destination("aws", Some("eu-west-1"), Some("/s3/home")).unwrap(),
            "https://console.aws.amazon.com/s3/home"
        );
        assert!(destination("aws", None, Some("http://evil.example/")).is_err());
        assert!(destination("aws", None, Some("s3")).is_err());
        let set = federation_base(Some("http://127.0.0.1:9/federation"), "aws").unwrap();
        assert_eq!(set.as_str(), "http://127.0.0.1:9/federation");
        assert!(federation_base(Some("http://example.com/federation"), "aws").is_err());
    }

    #[test]
    fn the_token_request_carries_the_session_json() {
        let base = federation_base(None, "aws").unwrap();
        let creds = Credentials {
            access_key_id: "ASIAEXAMPLE".into(),
            secret_access_key: Sensitive::from("se/cr+et="),
            session_token: Some(Sensitive::from("to&ken")),
        };
        let with = signin_token_request(&base, &creds, Some(43_200)).unwrap();
        let q = query(with.expose());
        assert_eq!(q[0], ("Action".into(), "getSigninToken".into()));
        assert_eq!(q[1], ("SessionDuration".into(), "43200".into()));
        assert_eq!(q[2].0, "Session");
        let session: serde_json::Value = serde_json::from_str(&q[2].1).unwrap();
        assert_eq!(
            session,
            serde_json::json!({"sessionId": "ASIAEXAMPLE", "sessionKey": "se/cr+et=", "sessionToken": "to&ken"})
        );
        let without = signin_token_request(&base, &creds, None).unwrap();
        assert!(
            query(without.expose())
                .iter()
                .all(|(k, _)| k != "SessionDuration")
        );
        let long_lived = Credentials {
            session_token: None,
            ..creds
        };
        assert!(signin_token_request(&base, &long_lived, None).is_err());
    }

    #[test]
    fn the_login_link_names_issuer_destination_and_token() {
        let base = federation_base(None, "aws").unwrap();
        let url = login(
            &base,
            "https://console.aws.amazon.com/console/home?region=eu-west-1",
            &Sensitive::from("tok+en/="),
        );
        assert!(
            url.expose()
                .starts_with("https://signin.aws.amazon.com/federation?Action=login&")
        );
        assert_eq!(
            query(url.expose()),
            [
                ("Action".to_owned(), "login".to_owned()),
                ("Issuer".into(), "RoleTray".into()),
                (
                    "Destination".into(),
                    "https://console.aws.amazon.com/console/home?region=eu-west-1".into()
                ),
                ("SigninToken".into(), "tok+en/=".into()),
            ]
        );
    }
}
