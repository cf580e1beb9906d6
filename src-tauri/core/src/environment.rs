//! A role's environment: a label (production, staging, …) and a colour, so
//! the account a person is in shows on the tray icon, in the menu, in the
//! window and in their shell prompt, and production can ask before it is
//! assumed from the tray or the window.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// The longest label.
const MAX_LABEL: usize = 32;

/// A small palette that reads well on light and dark panels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "lowercase")]
pub enum Colour {
    Red,
    Orange,
    Yellow,
    Green,
    Blue,
    Purple,
    Grey,
}

impl Colour {
    pub const ALL: [Colour; 7] = [
        Colour::Red,
        Colour::Orange,
        Colour::Yellow,
        Colour::Green,
        Colour::Blue,
        Colour::Purple,
        Colour::Grey,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Colour::Red => "red",
            Colour::Orange => "orange",
            Colour::Yellow => "yellow",
            Colour::Green => "green",
            Colour::Blue => "blue",
            Colour::Purple => "purple",
            Colour::Grey => "grey",
        }
    }

    pub fn parse(value: &str) -> Result<Colour> {
        let v = value.trim().to_ascii_lowercase();
        let v = if v == "gray" { "grey".to_owned() } else { v };
        Colour::ALL
            .into_iter()
            .find(|c| c.as_str() == v)
            .ok_or_else(|| {
                let all: Vec<_> = Colour::ALL.iter().map(|c| c.as_str()).collect();
                Error::invalid(
                    "colour",
                    format!("'{value}' is not one of {}", all.join(", ")),
                )
            })
    }

    /// The colour as red, green and blue: mid tones that stand out on a
    /// light panel and a dark one alike.
    pub fn rgb(self) -> [u8; 3] {
        match self {
            Colour::Red => [0xd9, 0x2d, 0x20],
            Colour::Orange => [0xe8, 0x71, 0x0a],
            Colour::Yellow => [0xd4, 0xa1, 0x06],
            Colour::Green => [0x2f, 0x9e, 0x44],
            Colour::Blue => [0x1c, 0x7e, 0xd6],
            Colour::Purple => [0x86, 0x4c, 0xbf],
            Colour::Grey => [0x86, 0x8e, 0x96],
        }
    }

    /// The colour a label gets when none is chosen.
    pub fn for_label(label: &str) -> Option<Colour> {
        match label.to_ascii_lowercase().as_str() {
            "production" | "prod" => Some(Colour::Red),
            "staging" | "stage" => Some(Colour::Orange),
            "development" | "dev" => Some(Colour::Green),
            _ => None,
        }
    }
}

/// Whether `label` names production (which asks before it is assumed from
/// the tray or the window unless the role says otherwise).
pub fn is_production(label: &str) -> bool {
    matches!(label.to_ascii_lowercase().as_str(), "production" | "prod")
}

/// Checks a label: a short line of letters, digits, spaces and `-_.:/`.
pub fn validate_label(value: &str) -> Result<()> {
    let bad = |why: &str| Err(Error::invalid("environment", why));
    if value.trim().is_empty() {
        return bad("the environment label is empty");
    }
    if value.trim() != value {
        return bad("the environment label starts or ends with a space");
    }
    if value.chars().count() > MAX_LABEL {
        return bad("the environment label is longer than 32 characters");
    }
    if !value
        .chars()
        .all(|c| c.is_alphanumeric() || " -_.:/".contains(c))
    {
        return bad("the environment label may hold letters, digits, spaces and - _ . : / only");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_from_their_names() {
        assert_eq!(Colour::parse("Red").unwrap(), Colour::Red);
        assert_eq!(Colour::parse("gray").unwrap(), Colour::Grey);
        let e = Colour::parse("pink").unwrap_err();
        assert_eq!(e.code(), "invalid_input");
        assert!(e.to_string().contains("red, orange"), "{e}");
        for c in Colour::ALL {
            assert_eq!(Colour::parse(c.as_str()).unwrap(), c);
        }
    }

    #[test]
    fn labels_are_short_plain_text() {
        for good in ["production", "staging", "client: acme/prod", "Ünïcode 2"] {
            validate_label(good).unwrap();
        }
        for bad in ["", " prod", "prod\n", "<b>prod</b>", &"x".repeat(33)] {
            assert_eq!(
                validate_label(bad).unwrap_err().code(),
                "invalid_input",
                "{bad}"
            );
        }
    }

    #[test]
    fn production_is_red_and_asks() {
        assert_eq!(Colour::for_label("Production"), Some(Colour::Red));
        assert!(is_production("PROD"));
        assert!(!is_production("staging"));
        assert_eq!(Colour::for_label("qa"), None);
    }
}
