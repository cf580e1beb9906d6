//! Values too long for one keychain item. Windows Credential Manager holds
//! at most 2,560 bytes per secret, stored as UTF-16: 1,280 characters, and
//! a cached session (its token alone can pass 1,000 characters) or a kept
//! credentials file does not fit. Such a value is split into numbered
//! items: the first, under the entry's own name, says how many there are
//! (`rtparts1:N:` then the first piece); the others are `NAME#2` to
//! `NAME#N` (`#` is never in a source or role name). Where the platform has
//! no such limit nothing is split and every item is stored as before.

use crate::error::{Error, Result};

const HEADER: &str = "rtparts1:";
/// At most this many items for one value (80 K characters on Windows).
pub const MAX_PARTS: usize = 64;
/// The longest header: `rtparts1:64:`.
const HEADER_ROOM: usize = HEADER.len() + 3;

/// The name of piece `k` (from 2) of the value at `user`.
pub fn part_name(user: &str, k: usize) -> String {
    format!("{user}#{k}")
}

/// Whether `user` names a piece rather than a value.
pub fn is_part(user: &str) -> bool {
    user.contains('#')
}

fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

/// What to store for `value` under a `limit`: the first item's text, then
/// the texts of items 2, 3, ... Every text fits the limit.
pub fn split(value: &str, limit: Option<usize>) -> Result<Vec<String>> {
    let Some(limit) = limit else {
        return Ok(vec![value.to_owned()]);
    };
    if units(value) <= limit && !value.starts_with(HEADER) {
        return Ok(vec![value.to_owned()]);
    }
    let first_room = limit.saturating_sub(HEADER_ROOM);
    if first_room == 0 {
        return Err(Error::Keychain(format!(
            "a keychain item of {limit} characters is too small to split into"
        )));
    }
    let mut pieces: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut room = first_room;
    for c in value.chars() {
        if units(&current) + c.len_utf16() > room {
            pieces.push(std::mem::take(&mut current));
            room = limit;
        }
        current.push(c);
    }
    pieces.push(current);
    if pieces.len() > MAX_PARTS {
        return Err(Error::Keychain(format!(
            "a value of {} characters is too large for this keychain ({MAX_PARTS} items of {limit})",
            units(value)
        )));
    }
    pieces[0] = format!("{HEADER}{}:{}", pieces.len(), pieces[0]);
    Ok(pieces)
}

/// Whether `first` is the first item of a split value.
pub fn is_split(first: &str) -> bool {
    first.starts_with(HEADER)
}

/// How many items the value whose first item is `first` spans (1 when it
/// is not split); `None` for a damaged header.
pub fn count(first: &str) -> Option<usize> {
    let Some(rest) = first.strip_prefix(HEADER) else {
        return Some(1);
    };
    let (n, _) = rest.split_once(':')?;
    n.parse().ok().filter(|n| (1..=MAX_PARTS).contains(n))
}

/// The value from its items' texts, in order (`None` when damaged).
pub fn join(first: &str, rest: &[String]) -> Option<String> {
    let n = count(first)?;
    if !is_split(first) {
        return Some(first.to_owned());
    }
    if rest.len() != n - 1 {
        return None;
    }
    let (_, piece) = first.strip_prefix(HEADER)?.split_once(':')?;
    let mut value = piece.to_owned();
    for p in rest {
        value.push_str(p);
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_values_and_unlimited_stores_are_one_item() {
        assert_eq!(split("abc", None).unwrap(), ["abc"]);
        assert_eq!(split("abc", Some(3)).unwrap(), ["abc"]);
        let long = "x".repeat(5_000);
        assert_eq!(split(&long, None).unwrap(), vec![long]);
        assert_eq!(count("abc"), Some(1));
        assert_eq!(join("abc", &[]).as_deref(), Some("abc"));
    }

    #[test]
    fn long_values_split_within_the_limit_and_join_back() {
        // Multibyte and non-BMP characters count as Windows counts them.
        for (limit, copies) in [(20, 100), (1_280, 300)] {
            let value: String = "ab€𝄞".repeat(copies);
            let items = split(&value, Some(limit)).unwrap();
            assert!(items.len() > 1, "{limit}");
            assert!(items.iter().all(|i| units(i) <= limit), "{limit}");
            assert_eq!(count(&items[0]), Some(items.len()));
            assert_eq!(join(&items[0], &items[1..]).unwrap(), value);

            // A piece missing is damage, never a shorter value.
            assert_eq!(join(&items[0], &items[1..items.len() - 1]), None);
        }
    }

    #[test]
    fn a_value_that_looks_like_a_header_is_split_too() {
        let items = split("rtparts1:2:x", Some(100)).unwrap();
        assert_eq!(join(&items[0], &items[1..]).unwrap(), "rtparts1:2:x");
    }

    #[test]
    fn limits_are_enforced() {
        assert!(split(&"x".repeat(100), Some(HEADER_ROOM)).is_err());
        let huge = "x".repeat(MAX_PARTS * 20 + 1);
        assert_eq!(split(&huge, Some(20)).unwrap_err().code(), "keychain_error");
        assert_eq!(count("rtparts1:99:x"), None);
        assert_eq!(count("rtparts1:nope"), None);
        assert!(is_part(&part_name("session/dev", 2)));
        assert!(!is_part("session/dev"));
    }
}
