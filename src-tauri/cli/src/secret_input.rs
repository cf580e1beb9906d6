//! A secret typed by a person: a hidden prompt on a terminal, else one line
//! of stdin. Never an argument, so it stays out of shell history and `ps`.

use roletray_core::{Error, Result, Sensitive};
use std::io::{BufRead, IsTerminal};

/// The secret, read with `prompt`; empty is an error naming `field`.
pub fn read_secret(prompt: &str, field: &str) -> Result<Sensitive<String>> {
    let text = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(prompt)
            .map_err(|e| Error::io(format!("cannot read the {field}"), e))?
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| Error::io(format!("cannot read the {field} from stdin"), e))?;
        line
    };
    // Boxed at once so the buffer with the newline is zeroed too.
    let raw = Sensitive::new(text);
    let secret = Sensitive::new(raw.expose().trim_end_matches(['\r', '\n']).to_owned());
    if secret.expose().is_empty() {
        return Err(Error::invalid(
            field,
            "is empty: give it on stdin (one line) or at the prompt",
        ));
    }
    Ok(secret)
}
