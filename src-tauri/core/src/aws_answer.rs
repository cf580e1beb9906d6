//! What an AWS SDK failure was, read the same way for every service RoleTray
//! calls: never answered (unreachable, timed out), a request that could not
//! be made, or an answer with AWS's error code, HTTP status and message
//! (read from the body too, since some servers answer in shapes the SDK
//! cannot read).

use aws_sdk_sts::error::{ProvideErrorMetadata, SdkError};
use aws_smithy_runtime_api::http::Response as HttpResponse;

/// An SDK failure, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// No answer: DNS, refused, timed out, a proxy or a certificate in the
    /// way. The whole error chain, for [`crate::net::diagnose`] to read.
    Unreachable(String),
    /// The request could not be built.
    Request(String),
    /// The service answered with an error.
    Answer {
        code: Option<String>,
        status: Option<u16>,
        message: String,
    },
}

/// Reads `err` as a [`Failure`].
pub fn read<E>(err: SdkError<E, HttpResponse>) -> Failure
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    let detail = aws_smithy_types::error::display::DisplayErrorContext(&err).to_string();
    match &err {
        SdkError::TimeoutError(_) => return Failure::Unreachable("no answer in time".into()),
        SdkError::DispatchFailure(_) => return Failure::Unreachable(detail),
        SdkError::ConstructionFailure(_) => return Failure::Request(short(&detail)),
        _ => {}
    }
    let status = err.raw_response().map(|r| r.status().as_u16());
    let body = err
        .raw_response()
        .and_then(|r| r.body().bytes())
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let code = err
        .code()
        .map(str::to_owned)
        .or_else(|| xml_field(&body, "Code"));
    let message = err
        .message()
        .map(str::to_owned)
        .or_else(|| xml_field(&body, "Message"))
        .unwrap_or_else(|| match status {
            Some(s) => format!("HTTP {s}"),
            None => short(&detail),
        });
    Failure::Answer {
        code,
        status,
        message,
    }
}

fn xml_field(body: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}>");
    let start = body.find(&open)? + open.len();
    let end = body[start..].find(&format!("</{tag}>"))? + start;
    Some(body[start..end].trim().to_owned())
}

/// What a call to `endpoint` that got no answer (`detail`, its error
/// chain) means: a proxy or certificate problem said in words a person can
/// act on, else `unreachable(a short detail)`.
pub fn no_answer(
    endpoint: &str,
    detail: &str,
    unreachable: impl FnOnce(String) -> crate::error::Error,
) -> crate::error::Error {
    crate::net::diagnose::explain(endpoint, detail).unwrap_or_else(|| unreachable(short(detail)))
}

/// At most 300 characters of `s`.
pub fn short(s: &str) -> String {
    const MAX: usize = 300;
    match s.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_code_and_message_from_an_xml_body() {
        let body = "<ErrorResponse><Error><Code>InvalidClientTokenId</Code>\
                    <Message>The security token included in the request is invalid.</Message>\
                    </Error></ErrorResponse>";
        assert_eq!(
            xml_field(body, "Code").as_deref(),
            Some("InvalidClientTokenId")
        );
        assert_eq!(
            xml_field(body, "Message").as_deref(),
            Some("The security token included in the request is invalid.")
        );
        assert_eq!(xml_field("garbage", "Code"), None);
    }

    #[test]
    fn long_details_are_cut() {
        let long = "x".repeat(400);
        assert_eq!(short(&long).chars().count(), 301);
        assert_eq!(short("short"), "short");
    }
}
