//! The palette's global shortcut as a person writes it (`Ctrl+Alt+Shift+A`),
//! checked and written one way. The app hands the text to the desktop's
//! shortcut service; here it is only text, so the CLI checks it too.

use crate::error::{Error, Result};

/// What turns the shortcut off.
pub const OFF: &str = "off";

/// Whether `text` is the default shortcut (not written to the configuration).
pub fn is_default(text: &String) -> bool {
    text == crate::platform::DEFAULT_PALETTE_SHORTCUT
}

/// Whether the shortcut is turned off.
pub fn is_off(text: &str) -> bool {
    text == OFF
}

/// `value` as a shortcut, written the one way (`Ctrl+Alt+Shift+A`), or
/// `off`. At least one of Ctrl, Alt, Super or Cmd is needed, and one key:
/// a letter, a digit, F1 to F24 or Space. A shortcut of Shift alone would
/// take a capital letter from every program.
pub fn parse(key: &str, value: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() || value.eq_ignore_ascii_case(OFF) || value.eq_ignore_ascii_case("none") {
        return Ok(OFF.to_owned());
    }
    let bad = |why: &str| {
        Error::invalid(
            key,
            format!(
                "'{value}' {why}; write it as Ctrl+Alt+Shift+A (Ctrl, Alt, Shift, Super, Cmd, then a letter, a digit, F1-F24 or Space), or off"
            ),
        )
    };
    let mut modifiers: Vec<&'static str> = Vec::new();
    let mut main_key: Option<String> = None;
    for part in value.split('+').map(str::trim) {
        let modifier = match part.to_ascii_lowercase().as_str() {
            "ctrl" | "control" => Some("Ctrl"),
            "alt" | "option" => Some("Alt"),
            "shift" => Some("Shift"),
            "super" | "win" | "meta" => Some("Super"),
            "cmd" | "command" => Some("Cmd"),
            "cmdorctrl" | "commandorcontrol" => Some("CmdOrCtrl"),
            _ => None,
        };
        if let Some(m) = modifier {
            if modifiers.contains(&m) {
                return Err(bad("names a modifier twice"));
            }
            modifiers.push(m);
            continue;
        }
        if main_key.is_some() {
            return Err(bad("names two keys"));
        }
        main_key = Some(
            key_name(part)
                .ok_or_else(|| bad(&format!("has a key RoleTray cannot bind ('{part}')")))?,
        );
    }
    let Some(main_key) = main_key else {
        return Err(bad("names no key"));
    };
    if !modifiers.iter().any(|m| *m != "Shift") {
        return Err(bad("needs Ctrl, Alt, Super or Cmd"));
    }
    // One order, as desktops show shortcuts.
    let order = ["CmdOrCtrl", "Cmd", "Ctrl", "Super", "Alt", "Shift"];
    modifiers.sort_by_key(|m| order.iter().position(|o| o == m));
    let mut text = modifiers.join("+");
    text.push('+');
    text.push_str(&main_key);
    Ok(text)
}

/// A key's one name: `A`, `7`, `F5`, `Space`.
fn key_name(part: &str) -> Option<String> {
    let mut chars = part.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_ascii_alphanumeric()
    {
        return Some(c.to_ascii_uppercase().to_string());
    }
    let lower = part.to_ascii_lowercase();
    if lower == "space" {
        return Some("Space".into());
    }
    let n: u8 = lower.strip_prefix('f')?.parse().ok()?;
    (1..=24).contains(&n).then(|| format!("F{n}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_are_written_one_way() {
        let p = |v| parse("palette-shortcut", v);
        assert_eq!(p("shift+alt+ctrl+a").unwrap(), "Ctrl+Alt+Shift+A");
        assert_eq!(p("Super + space").unwrap(), "Super+Space");
        assert_eq!(p("Cmd+Option+Shift+p").unwrap(), "Cmd+Alt+Shift+P");
        assert_eq!(p("ctrl+f12").unwrap(), "Ctrl+F12");
        assert_eq!(p("OFF").unwrap(), "off");
        assert_eq!(p("").unwrap(), "off");
        assert_eq!(
            p(crate::platform::DEFAULT_PALETTE_SHORTCUT).unwrap(),
            crate::platform::DEFAULT_PALETTE_SHORTCUT
        );
    }

    #[test]
    fn a_shortcut_that_would_take_typing_is_refused() {
        for bad in [
            "a",
            "Shift+A",
            "Ctrl+Alt",
            "Ctrl+A+B",
            "Ctrl+Ctrl+A",
            "Ctrl+F25",
            "Ctrl+Tab",
            "Ctrl+é",
        ] {
            let e = parse("palette-shortcut", bad).unwrap_err();
            assert_eq!(e.code(), "invalid_input", "{bad}");
        }
    }
}
