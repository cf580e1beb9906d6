//! `Service`: the one way into the core, with no window in sight. The
//! tray app's intents, the page's commands, the CLI's subcommands and the
//! credential endpoint each call one method here. It keeps the active role,
//! the non-secret facts of live sessions (for menus, countdowns and
//! deadlines) and the activity log shown in the window, and it publishes a
//! change after anything changes: whoever shows something subscribes.
//!
//! One type, its methods grouped by what they are about:
//!
//! - `state`: the `Service` itself, what it keeps, and what every flow
//!   shares (the keychain, the configuration, the session manager);
//! - `sessions`: assume, renew, end, forget, the tools' sessions and the
//!   cached ones;
//! - `exports`: export lines (also live ones), the credential endpoint's
//!   needs and tokens, console sign-in links;
//! - `sources_and_roles`: adding, changing and removing sources and roles,
//!   and a source's MFA session;
//! - `aws_files`: profiles written to the AWS credentials file, and the
//!   file put back as it was;
//! - `import`: the AWS CLI's profiles brought in;
//! - `key_check` and `key_rotation`: what IAM says of a source's key,
//!   the reminders that calls for, and replacing the key safely;
//! - `sso`: Identity Center sources, their sign-ins and lists;
//! - `network`: the Network settings in force, the proxy password, and
//!   the network check;
//! - `signin`: AWS Sign-In sources (`aws login`), signing in and out;
//! - `pick`: the quick switch's search, and the roles' use history it
//!   ranks by (also the tray's recent roles);
//! - `asking_first`: the question a production role asks before it is
//!   assumed from the tray or the window;
//! - `settings`, `activity` and `snapshot`: what the faces set, log and show.
//!
//! This file only names the parts: each part refers to the others by their
//! own files, never back to this one.

mod activity;
mod asking_first;
mod aws_files;
mod config_cache;
mod erase;
mod exports;
mod file_memo;
mod import;
mod key_check;
mod key_rotation;
mod network;
mod pick;
mod pick_memo;
mod sessions;
mod settings;
mod signin;
mod snapshot;
mod sources_and_roles;
mod sso;
mod state;

// What the faces need of the modules behind the service.
pub use crate::aws_import::Imported;
pub use crate::catalog::Change;
pub use crate::mfa_code::{CommandsOnly, MfaAsk, MfaCommand};
pub use crate::originals::Restored;
pub use crate::sessions::{BoxFuture, MfaPrompt, NoPrompt, Obtained};
pub use crate::sts::StsApi;
pub use asking_first::AssumeQuestion;
pub use aws_files::ProfileWritten;
pub use key_check::Progress;
pub use key_rotation::{Resumed, RotateOptions, Rotated};
pub use signin::SigninStatus;
pub use snapshot::TrayState;
pub use sources_and_roles::{RoleSaved, SourceEdit};
pub use sso::{LIST_MAX_AGE, SIGN_IN_PREFIX, SIGNIN_PREFIX, SsoListed};
pub use state::Service;
