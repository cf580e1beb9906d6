//! AWS console sign-in as a role: the federation flow. The role's session
//! (from [`SessionManager`]) is traded at the partition's federation endpoint
//! for a sign-in token (`getSigninToken`), which goes into a `login` link
//! that signs the browser in. Opening the link is the face's job (the CLI
//! runs the desktop's opener, the tray app its opener plugin), always
//! through a private page ([`link_file`]), never with the link in argv.
//!
//! AWS takes a console session length (`SessionDuration`) only for sessions
//! assumed with an IAM user's keys; a chained role's console session ends
//! with its role session, one hour at most: [`ConsoleLogin::notice`] says
//! when it ends, and that it is shorter than asked for when it is.

pub(crate) mod federation;
pub mod link_file;
pub mod urls;

use crate::error::Result;
use crate::model::DEFAULT_DURATION;
use crate::secret::Sensitive;
use crate::sessions::{MfaPrompt, SessionManager};
use crate::validate;

/// A cached chained session with this much less than asked for is renewed
/// first, so the console gets a full session.
const RENEW_SLACK_SECONDS: i64 = 300;
/// A console session this much shorter than asked is called shorter.
const NOTICE_SLACK_SECONDS: u32 = 60;

/// What to open, and for how long.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConsoleOptions {
    /// Console session length in seconds (900-43200); default: the role's
    /// session duration.
    pub duration: Option<u32>,
    /// Where to land: an https URL, or a console path such as `/s3/home`;
    /// default: the console home in the role's region.
    pub destination: Option<String>,
}

/// A sign-in link, ready to open.
#[derive(Debug)]
pub struct ConsoleLogin {
    /// The `login` URL. It holds a sign-in token (good for 15 minutes): open
    /// it, show it only on the user's explicit request, never log it.
    pub url: Sensitive<String>,
    /// The assumed-role ARN the console will show.
    pub assumed_role_arn: String,
    /// How long the console session will last at most, in seconds.
    pub console_seconds: u32,
    /// `SessionDuration` as sent (`None` for chained roles).
    pub session_duration: Option<u32>,
    /// Set for a chained role, whose console session ends with its role
    /// session (and says so when that is shorter than asked for): a line to
    /// show the user.
    pub notice: Option<String>,
}

/// Builds a sign-in link for `role`: a session (cached or assumed, asking
/// `mfa` if a code is needed), a sign-in token from the federation endpoint
/// (the `federation-url` setting, else the partition's), the `login` URL.
pub async fn sign_in(
    manager: &SessionManager,
    role: &str,
    mfa: &dyn MfaPrompt,
    options: &ConsoleOptions,
) -> Result<ConsoleLogin> {
    let config = manager.config();
    let role_cfg = config.resolve(role)?;
    let asked = options
        .duration
        .unwrap_or(role_cfg.duration_seconds.unwrap_or(DEFAULT_DURATION));
    validate::duration(asked)?;
    let partition = validate::partition_of(&role_cfg.role_arn).to_owned();
    let base = urls::federation_base(config.settings.federation_url.as_deref(), &partition)?;
    let region = config.region_of(role)?;
    let destination = urls::destination(
        &partition,
        region.as_deref(),
        options.destination.as_deref(),
    )?;
    let chained = role_cfg.via.clone();

    let mut obtained = manager.session(role, mfa).await?;
    if chained.is_some() {
        let wanted = i64::from(asked.min(role_cfg.effective_duration()));
        let left = obtained.session.seconds_left(manager.now());
        if !obtained.fresh && left + RENEW_SLACK_SECONDS < wanted {
            obtained = manager.renew(role, mfa).await?;
        }
    }
    let session = obtained.session;
    let (session_duration, console_seconds) = match &chained {
        None => (Some(asked), asked),
        Some(_) => {
            let left = session
                .seconds_left(manager.now())
                .clamp(0, i64::from(validate::CHAINED_MAX_DURATION));
            (None, u32::try_from(left).unwrap_or(0))
        }
    };
    let notice = chained.as_ref().map(|parent| {
        let shorter = if console_seconds + NOTICE_SLACK_SECONDS < asked {
            format!(" (asked for {} min)", asked / 60)
        } else {
            String::new()
        };
        format!(
            "role '{role}' is chained through '{parent}': AWS takes no console session \
             length for chained roles, so the console session ends with the role session, \
             in {} min{shorter}",
            console_seconds / 60
        )
    });

    let request = urls::signin_token_request(&base, &session.credentials, session_duration)?;
    let endpoint = base
        .host_str()
        .unwrap_or("the federation endpoint")
        .to_owned();
    let token = federation::signin_token(&request, &endpoint).await?;
    Ok(ConsoleLogin {
        url: urls::login(&base, &destination, &token),
        assumed_role_arn: session.assumed_role_arn,
        console_seconds,
        session_duration,
        notice,
    })
}
