//! Where MFA codes come from: a device's code command when it has one (run
//! first, with the person told what it waits for when it is slow), else, or
//! when the command gives none, the person, asked by the caller's prompt.
//! RoleTray never keeps a TOTP seed: the code comes from the device.

pub mod command;
mod prompt;
mod run;
mod used;
pub mod yubikey;

pub use command::MfaCommand;
pub use prompt::{CommandsOnly, MfaAsk, MfaPrompt, NoPrompt};
pub use used::UsedCodes;

use crate::clock::Clock;
use crate::error::Result;
use crate::secret::Sensitive;
use std::time::Duration;

/// How long a code command may take before the person is told what it
/// waits for (a YubiKey that wants a touch).
pub const NOTICE_AFTER: Duration = Duration::from_millis(500);

/// A code for `ask`: from `command` when there is one and the prompt lets
/// it run, else from the person. The code handed out is remembered as just
/// used, so the device's next code is a new one.
pub async fn obtain(
    prompt: &dyn MfaPrompt,
    ask: &MfaAsk<'_>,
    command: Option<&MfaCommand>,
    used: &UsedCodes,
    clock: &dyn Clock,
) -> Result<Sensitive<String>> {
    let code = match command.filter(|_| prompt.runs_commands()) {
        None => prompt.code(ask).await?,
        Some(command) => match from_command(prompt, ask, command, used, clock).await {
            Ok(code) => code,
            Err(Stop::Person(e)) => return Err(e),
            Err(Stop::Command(why)) => {
                tracing::info!(
                    program = command.program_name(),
                    "the MFA code command gave no code: asking the person"
                );
                prompt
                    .code(&MfaAsk {
                        why: Some(&why),
                        ..*ask
                    })
                    .await?
            }
        },
    };
    used.record(ask.serial, code.expose(), clock.now());
    Ok(code)
}

/// Why the command's code is not used.
enum Stop {
    /// The person answered (cancelled) while the command waited.
    Person(crate::error::Error),
    /// The command gave no code, in words for the person.
    Command(String),
}

async fn from_command(
    prompt: &dyn MfaPrompt,
    ask: &MfaAsk<'_>,
    command: &MfaCommand,
    used: &UsedCodes,
    clock: &dyn Clock,
) -> std::result::Result<Sensitive<String>, Stop> {
    let typed = |r: Result<Sensitive<String>>| match r {
        Ok(code) => Ok(code),
        Err(e) => Err(Stop::Person(e)),
    };
    for attempt in 0..2 {
        let run = run::run(command, run::TIMEOUT);
        tokio::pin!(run);
        let answer = match tokio::time::timeout(NOTICE_AFTER, &mut run).await {
            Ok(answer) => answer,
            Err(_) => {
                let what = command.waiting_for();
                tokio::select! {
                    answer = &mut run => answer,
                    r = prompt.waiting(ask, &what) => return typed(r),
                }
            }
        };
        let code = answer.map_err(Stop::Command)?;
        if !used.just_used(ask.serial, code.expose(), clock.now()) {
            return Ok(code);
        }
        if attempt > 0 {
            break;
        }
        // AWS would refuse it: the device's next code comes at the next step.
        let wait = used::until_next_step(clock.now());
        tracing::info!(
            seconds = wait.as_secs(),
            "the MFA device gave the code just used: waiting for its next one"
        );
        let what = format!(
            "Waiting {} s for the next code: the last one was just used",
            wait.as_secs()
        );
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            r = prompt.waiting(ask, &what) => return typed(r),
        }
    }
    Err(Stop::Command(format!(
        "the MFA code command `{}` gave the code just used again",
        command.program_name()
    )))
}
