//! Watches session deadlines for the life of the app: the warning before a
//! session expires (with Renew), the notice once it has expired, and
//! auto-renewal. It sleeps until the next deadline or the next change.

use super::sso_keeper;
use crate::app::desktop::notifications;
use crate::app::dispatch;
use crate::app::intent::Intent;
use crate::app::state::AppCtx;
use crate::app::tray;
use roletray_core::Error;
use roletray_core::deadlines::{Deadlines, Due, Tracked};
use roletray_core::model::Settings;
use roletray_core::service::{NoPrompt, SIGN_IN_PREFIX, SIGNIN_PREFIX};
use roletray_core::views::Level;
use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime};
use time::OffsetDateTime;

/// The longest the loop sleeps while sessions exist: monotonic timers stop
/// during suspend, so this bounds how late a warning can be after a wake,
/// and keeps the tray's "minutes left" current.
const MAX_SLEEP: Duration = Duration::from_secs(60);

/// What to do now and how long to sleep after: pure, so the deadline maths
/// is tested with any clock.
pub fn step(
    deadlines: &mut Deadlines,
    tracked: &[Tracked],
    settings: &Settings,
    now: OffsetDateTime,
) -> (Vec<Due>, Option<Duration>) {
    let lead = time::Duration::seconds(i64::from(settings.notify_before_seconds));
    let due = deadlines.due(tracked, lead, settings.auto_renew, now);
    let live = tracked.iter().any(|t| t.expiration > now);
    let sleep = match deadlines.next(tracked, lead) {
        Some(at) => {
            let ms = (at - now).whole_milliseconds().max(0);
            Some(Duration::from_millis(u64::try_from(ms).unwrap_or(0)).min(MAX_SLEEP))
        }
        None if live => Some(MAX_SLEEP),
        // Nothing to watch: sleep until something changes.
        None => None,
    };
    (due, sleep)
}

/// The text of a warning, by the service's clock; a role with an
/// environment label is named with it ("prod-admin (production)").
pub fn message(due: &Due, label: Option<&str>, now: OffsetDateTime) -> (String, String) {
    if let Some(sign_in) = sign_in_of(due) {
        let sso = sign_in.name();
        return match due {
            Due::Expired { .. } => (
                format!("Sign-in to {sso} ended"),
                format!("The sign-in to {sso} has ended: sign in again to use its roles."),
            ),
            Due::Warn { expiration, .. } | Due::Renew { expiration, .. } => {
                let left = (*expiration - now).whole_minutes().max(0);
                (
                    format!("Sign-in to {sso} ends soon"),
                    format!(
                        "The sign-in to {sso} ends in {left} min: sign in again to keep its roles."
                    ),
                )
            }
        };
    }
    let named = |role: &str| match label {
        Some(l) => format!("{role} ({l})"),
        None => role.to_owned(),
    };
    match due {
        Due::Warn { role, expiration } | Due::Renew { role, expiration } => {
            let left = (*expiration - now).whole_minutes().max(0);
            let role = named(role);
            (
                format!("{role} expires soon"),
                format!("The session of {role} expires in {left} min."),
            )
        }
        Due::Expired { role, .. } => {
            let role = named(role);
            (
                format!("{role} expired"),
                format!("The session of {role} has expired and was not renewed."),
            )
        }
    }
}

pub async fn run<R: Runtime>(app: AppHandle<R>) {
    let service = app.state::<AppCtx>().service.clone();
    let mut changes = service.subscribe();
    let mut deadlines = Deadlines::default();
    loop {
        let now = service.now();
        let (due, sleep) = step(&mut deadlines, &service.tracked(), &service.settings(), now);
        for d in due {
            handle(&app, d, now);
        }
        let sleep = sleep.unwrap_or(Duration::from_secs(86_400));
        tokio::select! {
            () = tokio::time::sleep(sleep) => {
                // Time passed: the tray's minutes left and its look follow.
                tray::render(&app);
            }
            changed = changes.changed() => if changed.is_err() { return },
        }
    }
}

/// A sign-in a deadline is about: an Identity Center source's, or an AWS
/// Sign-In source's.
enum SignInOf<'a> {
    Sso(&'a str),
    Signin(&'a str),
}

impl SignInOf<'_> {
    fn name(&self) -> &str {
        match self {
            SignInOf::Sso(n) | SignInOf::Signin(n) => n,
        }
    }
}

/// The sign-in `due` is about, if it is one.
fn sign_in_of(due: &Due) -> Option<SignInOf<'_>> {
    let (Due::Warn { role, .. } | Due::Renew { role, .. } | Due::Expired { role, .. }) = due;
    role.strip_prefix(SIGN_IN_PREFIX)
        .map(SignInOf::Sso)
        .or_else(|| role.strip_prefix(SIGNIN_PREFIX).map(SignInOf::Signin))
}

fn handle<R: Runtime>(app: &AppHandle<R>, due: Due, now: OffsetDateTime) {
    let service = app.state::<AppCtx>().service.clone();
    let (Due::Warn { role, .. } | Due::Renew { role, .. } | Due::Expired { role, .. }) = &due;
    let label = service.config().ok().and_then(|c| c.environment_of(role));
    let (summary, body) = message(&due, label.as_deref(), now);
    if let Some(sign_in) = sign_in_of(&due) {
        // Only the person can sign in: warned, even with auto-renew on.
        let code = if matches!(due, Due::Expired { .. }) {
            "sso_signed_out"
        } else {
            "sso_sign_in_ending"
        };
        service.record(Level::Warning, &body, code);
        let intent = match sign_in {
            SignInOf::Sso(sso) => Intent::SsoSignIn {
                sso: sso.to_owned(),
                device_code: false,
            },
            SignInOf::Signin(name) => Intent::SigninSignIn(name.to_owned()),
        };
        sso_keeper::offer_sign_in(app, &summary, &body, intent);
        return;
    }
    match due {
        Due::Warn { role, .. } => {
            service.record(Level::Warning, &body, "expiring");
            offer_renew(app, &summary, &body, role);
        }
        Due::Expired { role, .. } => {
            service.record(Level::Warning, &body, "expired");
            offer_renew(app, &summary, &body, role);
        }
        Due::Renew { role, .. } => {
            let app = app.clone();
            tauri::async_runtime::spawn(async move {
                // Auto-renew never asks: a role that needs a code gets a notification.
                match service.auto_renew(&role, &NoPrompt).await {
                    Ok(_) => service.record(Level::Info, &format!("renewed {role}"), "renewed"),
                    Err(e @ Error::MfaRequired { .. }) => {
                        let body = format!("{role} needs an MFA code to renew: {e}");
                        offer_renew(&app, &summary, &body, role);
                    }
                    Err(e) => notifications::failure(&app, &format!("renew {role}"), &e),
                }
            });
        }
    }
}

/// A notification whose Renew button is the Renew intent (asking for an
/// MFA code in a window if needed).
fn offer_renew<R: Runtime>(app: &AppHandle<R>, summary: &str, body: &str, role: String) {
    let target = app.clone();
    notifications::with_renew(app, summary, body, move || {
        dispatch::spawn(&target, Intent::Renew(role));
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use roletray_core::clock::{Clock, ManualClock};
    use time::macros::datetime;

    // The watcher's decisions follow the injected clock: a warning ten
    // minutes before, the expiry notice at the end, and sleeps that never
    // pass a deadline nor exceed a minute.
    #[test]
    fn warns_then_reports_expiry_by_the_injected_clock() {
        let clock = ManualClock::new(datetime!(2026-11-30 10:00 UTC));
        let settings = Settings::default();
        let tracked = [Tracked {
            role: "dev".into(),
            expiration: datetime!(2026-11-30 10:30 UTC),
        }];
        let mut deadlines = Deadlines::default();

        let (due, sleep) = step(&mut deadlines, &tracked, &settings, clock.now());
        assert_eq!(due, []);
        assert_eq!(sleep, Some(MAX_SLEEP));

        clock.advance(time::Duration::minutes(19) + time::Duration::seconds(30));
        let (due, sleep) = step(&mut deadlines, &tracked, &settings, clock.now());
        assert_eq!(due, []);
        assert_eq!(sleep, Some(Duration::from_secs(30)));

        clock.advance(time::Duration::seconds(30));
        let (due, _) = step(&mut deadlines, &tracked, &settings, clock.now());
        assert_eq!(
            message(&due[0], None, clock.now()),
            (
                "dev expires soon".to_owned(),
                "The session of dev expires in 10 min.".to_owned()
            )
        );
        assert_eq!(
            message(&due[0], Some("production"), clock.now()).1,
            "The session of dev (production) expires in 10 min."
        );
        // Said once.
        assert_eq!(step(&mut deadlines, &tracked, &settings, clock.now()).0, []);

        // Asleep through the end: the notice comes at the first look after.
        clock.advance(time::Duration::hours(2));
        let (due, sleep) = step(&mut deadlines, &tracked, &settings, clock.now());
        assert!(matches!(&due[..], [Due::Expired { role, .. }] if role == "dev"));
        assert_eq!(sleep, None);
    }

    // An AWS Sign-In's 12 hours are warned about as an Identity Center
    // sign-in's end is: by the source's name, to sign in again.
    #[test]
    fn the_end_of_a_sign_in_is_told_by_its_source() {
        let now = datetime!(2026-11-30 10:25 UTC);
        let due = Due::Warn {
            role: format!("{SIGNIN_PREFIX}console"),
            expiration: datetime!(2026-11-30 10:35 UTC),
        };
        assert!(matches!(
            sign_in_of(&due),
            Some(SignInOf::Signin("console"))
        ));
        let (summary, body) = message(&due, None, now);
        assert_eq!(summary, "Sign-in to console ends soon");
        assert!(body.contains("ends in 10 min"), "{body}");
    }

    #[test]
    fn auto_renew_renews_instead_of_warning() {
        let now = datetime!(2026-11-30 10:25 UTC);
        let settings = Settings {
            auto_renew: true,
            ..Settings::default()
        };
        let tracked = [Tracked {
            role: "dev".into(),
            expiration: datetime!(2026-11-30 10:30 UTC),
        }];
        let (due, _) = step(&mut Deadlines::default(), &tracked, &settings, now);
        assert!(matches!(&due[..], [Due::Renew { role, .. }] if role == "dev"));
    }
}
