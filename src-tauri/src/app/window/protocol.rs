//! The line protocol between the tray process and its window host (the
//! same binary run as `roletray-app --window-host`, which owns every web
//! view). The tray writes to the host's stdin, the host to its stdout: one
//! JSON message per line, behind a marker, so anything else a library might
//! print on stdout is skipped rather than misread.
//!
//! The host exits when its stdin closes: the tray closes it when the host
//! says it is idle (or when the tray quits).
//!
//! Both ends are the same build (the tray starts its own executable), so
//! the protocol needs no version negotiation.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The main window's label.
pub const MAIN: &str = "main";

/// The quick-switch palette's label.
pub const PALETTE: &str = "palette";

/// The label of the MFA window for request `id`.
pub fn mfa_label(id: u64) -> String {
    format!("mfa-{id}")
}

/// The MFA prompt a window label belongs to.
pub fn mfa_request(label: &str) -> Option<u64> {
    label.strip_prefix("mfa-").and_then(|i| i.parse().ok())
}

/// The label of the window asking question `id` before a role is assumed.
pub fn confirm_label(id: u64) -> String {
    format!("confirm-{id}")
}

/// The question a window label belongs to.
pub fn confirm_request(label: &str) -> Option<u64> {
    label.strip_prefix("confirm-").and_then(|i| i.parse().ok())
}

/// Starts every protocol line.
const MARKER: &str = "roletray-window-link ";

/// What the tray asks of the window host.
#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ToHost {
    /// Whether closing the main window minimises it (the desktop shows no
    /// tray icon, so the window is the way in). The first message.
    Mode { keep_open: bool },
    /// Show the main window (create it, or bring it to the front).
    OpenMain,
    /// Show the quick-switch palette (create it, or bring it to the front).
    OpenPalette,
    /// Open the window asking for the MFA code of prompt `request_id`.
    OpenMfa {
        request_id: u64,
        role: String,
        serial: String,
        /// What the device's code command waits for ("Touch your
        /// YubiKey"), while it runs.
        #[serde(default)]
        waiting: Option<String>,
        /// Why the device's code command gave no code, when it did not.
        #[serde(default)]
        why: Option<String>,
    },
    /// Open the window asking question `request_id` before a role is
    /// assumed ("Assume prod-admin in 444455556666?").
    OpenConfirm {
        request_id: u64,
        role: String,
        account_id: String,
        environment: Option<String>,
        colour: Option<String>,
    },
    /// Close the window labelled `label`, if it is open.
    Close { label: String },
    /// Send the pages an event.
    Event { name: String, payload: Value },
    /// The answer to the page's call number `call`.
    Reply { call: u64, answer: Answer },
}

/// What the window host tells the tray.
#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ToTray {
    /// A page called command `cmd` (its arguments may hold a secret: this
    /// type has no `Debug`, and nothing logs it).
    Call {
        call: u64,
        window: String,
        cmd: String,
        args: Value,
    },
    /// A window could not be created.
    OpenFailed { label: String, message: String },
    /// The host has no window left, having read `seen` messages from the
    /// tray. The tray ends it when it has sent no more than that since.
    Idle { seen: u64 },
}

/// A command's result: its value, or the error the page gets.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Ok(Value),
    Err(Value),
}

impl From<Result<Value, Value>> for Answer {
    fn from(r: Result<Value, Value>) -> Answer {
        match r {
            Ok(v) => Answer::Ok(v),
            Err(e) => Answer::Err(e),
        }
    }
}

/// One message as a line (the leading newline ends whatever partial line
/// something else may have written before it).
pub fn encode<T: Serialize>(message: &T) -> String {
    // Serialising these types cannot fail: string keys, JSON values.
    let json = serde_json::to_string(message).unwrap_or_else(|_| "null".into());
    format!("\n{MARKER}{json}\n")
}

/// The message on `line`; `None` for lines that are not the protocol's.
pub fn decode<T: for<'de> Deserialize<'de>>(line: &str) -> Option<T> {
    let json = line.trim_end().strip_prefix(MARKER)?;
    match serde_json::from_str(json) {
        Ok(m) => Some(m),
        Err(e) => {
            // serde's message may quote a value (a page call carries
            // secrets): only where it broke is logged.
            tracing::warn!(
                line = e.line(),
                column = e.column(),
                "window link: an unreadable message ({:?} error)",
                e.classify()
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn mfa_labels_name_their_request() {
        assert_eq!(mfa_request(&mfa_label(42)), Some(42));
        assert_eq!(mfa_request("main"), None);
    }

    #[test]
    fn messages_survive_a_line_and_stray_output_is_skipped() {
        let line = encode(&ToTray::Call {
            call: 7,
            window: "main".into(),
            cmd: "assume".into(),
            args: json!({"role": "a\nb"}),
        });
        assert_eq!(line.matches('\n').count(), 2, "one line: {line:?}");
        let Some(ToTray::Call {
            call, cmd, args, ..
        }) = decode(line.trim_start())
        else {
            panic!("not decoded: {line:?}");
        };
        assert_eq!(
            (call, cmd.as_str(), &args["role"]),
            (7, "assume", &json!("a\nb"))
        );
        assert!(decode::<ToTray>("Gtk-Message: hello").is_none());
        assert!(decode::<ToTray>("roletray-window-link {broken").is_none());
        let reply = encode(&ToHost::Reply {
            call: 1,
            answer: Err(json!({"code": "denied"})).into(),
        });
        assert!(matches!(
            decode(reply.trim()),
            Some(ToHost::Reply {
                call: 1,
                answer: Answer::Err(_)
            })
        ));
    }
}
