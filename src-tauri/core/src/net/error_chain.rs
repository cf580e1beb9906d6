//! A failure's causes, read whole: what `diagnose` reads.

/// An error and its causes on one line ("client error (Connect): tcp connect
/// error: Connection refused").
pub fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
