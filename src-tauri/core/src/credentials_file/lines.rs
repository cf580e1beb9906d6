//! The AWS files' INI lines as the editors see them: each line's text,
//! terminator and kind (a section header, a key, a continuation, a
//! comment), parsed as the AWS CLI's configparser reads them, so that an
//! edit can keep every other byte.

use crate::error::{Error, Result};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind<'a> {
    Blank,
    Comment,
    /// A `[name]` header, with the trimmed name.
    Section(&'a str),
    /// A `key = value` line, with the trimmed key.
    Key(&'a str),
    /// An indented line that continues the previous key's value.
    Continuation,
}

/// One line of the file: its text without terminator, and the terminator.
pub(super) struct Line<'a> {
    pub(super) content: &'a str,
    pub(super) eol: &'a str,
    pub(super) kind: Kind<'a>,
}

/// Splits `text` into classified lines, or says which line is not INI.
pub(super) fn parse<'a>(text: &'a str, path: &Path) -> Result<Vec<Line<'a>>> {
    let mut lines = Vec::new();
    let mut in_section = false;
    // Indentation of the last key line of the current section (configparser's rule:
    // a line indented deeper than its key continues that key's value).
    let mut key_indent: Option<usize> = None;
    for (index, raw) in text.split_inclusive('\n').enumerate() {
        let content = raw
            .strip_suffix("\r\n")
            .or_else(|| raw.strip_suffix('\n'))
            .unwrap_or(raw);
        let eol = &raw[content.len()..];
        let trimmed = content.trim();
        let indent = content.len() - content.trim_start_matches([' ', '\t']).len();
        let fail = |message: &str| Error::AwsFileInvalid {
            path: path.to_path_buf(),
            line: Some(index + 1),
            message: message.to_owned(),
        };
        let kind = if trimmed.is_empty() {
            Kind::Blank
        } else if trimmed.starts_with(['#', ';']) {
            Kind::Comment
        } else if key_indent.is_some_and(|k| indent > k) {
            Kind::Continuation
        } else if let Some(rest) = trimmed.strip_prefix('[') {
            let (name, after) = rest
                .split_once(']')
                .ok_or_else(|| fail("unclosed `[`: expected a [section] header"))?;
            let after = after.trim_start();
            if !after.is_empty() && !after.starts_with(['#', ';']) {
                return Err(fail("unexpected text after the [section] header"));
            }
            in_section = true;
            key_indent = None;
            Kind::Section(name.trim())
        } else if let Some((key, _)) = trimmed.split_once('=') {
            if !in_section {
                return Err(fail("`key = value` before any [section] header"));
            }
            if key.trim().is_empty() {
                return Err(fail("missing key before `=`"));
            }
            key_indent = Some(indent);
            Kind::Key(key.trim())
        } else {
            return Err(fail("expected `key = value`, a [section] or a comment"));
        };
        lines.push(Line { content, eol, kind });
    }
    Ok(lines)
}

/// The value of the first `key` (case-insensitive) in the first section
/// whose name `in_section` accepts.
pub(super) fn first_value(
    text: &str,
    path: &Path,
    key: &str,
    in_section: impl Fn(&str) -> bool,
) -> Result<Option<String>> {
    let mut inside = false;
    for line in parse(text, path)? {
        match line.kind {
            Kind::Section(_) if inside => break,
            Kind::Section(name) => inside = in_section(name),
            Kind::Key(k) if inside && k.eq_ignore_ascii_case(key) => {
                let value = line.content.split_once('=').map(|(_, v)| v.trim());
                return Ok(value.map(str::to_owned));
            }
            _ => {}
        }
    }
    Ok(None)
}
