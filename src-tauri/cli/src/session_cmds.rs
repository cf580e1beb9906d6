//! The commands that use a role's session: assume, export, credential-process,
//! exec, write-profile, sessions and forget.

use super::args::{
    AssumeArgs, ExecArgs, ExportArgs, JsonArg, NameArg, RestoreArgs, WriteProfileArgs,
};
use super::context::Context;
use super::mfa::CliMfa;
use super::output::{print_json, time_left};
use roletray_core::credentials_file::WriteOptions;
use roletray_core::export::{self, CONFLICTING_VARS, rfc3339};
use roletray_core::model::Shell;
use roletray_core::sessions::Obtained;
use roletray_core::{Error, Result, Session, credentials_file, endpoint, paths};
use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;
use time::OffsetDateTime;

async fn obtain(ctx: &Context, role: &str, mfa_code: Option<String>) -> Result<Obtained> {
    let mfa = CliMfa::checked(mfa_code)?;
    ctx.sessions().await?.session(role, &mfa).await
}

/// How long a running app may take to answer for a role that needs no MFA
/// code. Past it, the keychain path answers (it waits for the app's STS
/// call through the role's lock, then reuses what the app cached).
const APP_ANSWER: Duration = Duration::from_secs(2);
/// For a role that may need a code: the app's MFA window stays up this long.
const APP_ANSWER_WITH_MFA: Duration = Duration::from_secs(310);

/// A session for `credential-process`, `export` and `exec`: from the running
/// tray app (or `roletray serve`) when there is one, else from the keychain
/// as `obtain` does. A code given on the command line is for this call, so
/// it skips the app.
async fn session_for(ctx: &Context, role: &str, mfa_code: Option<String>) -> Result<Session> {
    let mfa = CliMfa::checked(mfa_code)?;
    // Read once: for the app's token and, when it does not answer, the keychain path.
    let config = ctx.config()?;
    if !mfa.has_code() {
        let wait = if config.needs_mfa(role)? {
            APP_ANSWER_WITH_MFA
        } else {
            APP_ANSWER
        };
        if let Some(s) = endpoint::session_from_running(&ctx.paths, &config, role, wait).await? {
            return Ok(s);
        }
    }
    Ok(ctx
        .sessions_with(config)?
        .session(role, &mfa)
        .await?
        .session)
}

/// Writes secrets to stdout in one go; a closed pipe is an error, not a panic.
fn print_secret(text: &str) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| Error::io("cannot write to stdout", e))?;
    Ok(ExitCode::SUCCESS)
}

fn session_json(s: &Session, now: OffsetDateTime, cached: Option<bool>) -> serde_json::Value {
    let mut v = serde_json::json!({
        "role": s.role,
        "assumed_role_arn": s.assumed_role_arn,
        "expiration": rfc3339(s.expiration),
        "seconds_left": s.seconds_left(now),
        "region": s.region,
    });
    if let Some(c) = cached {
        v["cached"] = c.into();
    }
    v
}

pub async fn assume(ctx: &Context, a: AssumeArgs) -> Result<ExitCode> {
    let manager = ctx.sessions().await?;
    let mfa = CliMfa::checked(a.mfa.mfa_code)?;
    let got = if a.renew {
        manager.renew(&a.name, &mfa).await?
    } else {
        manager.session(&a.name, &mfa).await?
    };
    let now = OffsetDateTime::now_utc();
    let s = &got.session;
    if a.json {
        print_json(&session_json(s, now, Some(!got.fresh)));
    } else {
        println!(
            "{}: {}\nexpires {} ({}){}",
            s.role,
            s.assumed_role_arn,
            rfc3339(s.expiration),
            time_left(s.expiration, now),
            if got.fresh { "" } else { ", cached session" }
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn export(ctx: &Context, a: ExportArgs) -> Result<ExitCode> {
    let shell: Shell = match &a.format {
        Some(f) => f.parse()?,
        None => ctx.config()?.settings.default_shell,
    };
    if a.live {
        return super::endpoint_cmds::export_live(ctx, &a.name, shell);
    }
    let session = session_for(ctx, &a.name, a.mfa.mfa_code).await?;
    print_secret(export::export_lines(&session, shell)?.expose())
}

pub async fn credential_process(ctx: &Context, a: NameArg) -> Result<ExitCode> {
    let session = session_for(ctx, &a.name, None).await?;
    let json = export::credential_process_json(&session)?;
    print_secret(&format!("{}\n", json.expose()))
}

pub async fn exec(ctx: &Context, a: ExecArgs) -> Result<ExitCode> {
    let session = session_for(ctx, &a.name, a.mfa.mfa_code).await?;
    let Some((program, args)) = a.command.split_first() else {
        return Err(Error::invalid("command", "give a command after --"));
    };
    let mut cmd = std::process::Command::new(program);
    cmd.args(args);
    for var in CONFLICTING_VARS {
        cmd.env_remove(var);
    }
    if session.region.is_some() {
        cmd.env_remove("AWS_REGION")
            .env_remove("AWS_DEFAULT_REGION");
    }
    for (k, v) in export::env_vars(&session) {
        cmd.env(k, v.expose());
    }
    run_replacing_self(cmd, &program.to_string_lossy())
}

/// On Unix the command replaces RoleTray (signals and exit code are its own);
/// elsewhere RoleTray waits and passes the exit code through.
#[cfg(unix)]
fn run_replacing_self(mut cmd: std::process::Command, program: &str) -> Result<ExitCode> {
    use std::os::unix::process::CommandExt;
    let e = cmd.exec();
    Err(Error::CommandFailed {
        program: program.to_owned(),
        message: e.to_string(),
    })
}

#[cfg(not(unix))]
fn run_replacing_self(mut cmd: std::process::Command, program: &str) -> Result<ExitCode> {
    let status = cmd.status().map_err(|e| Error::CommandFailed {
        program: program.to_owned(),
        message: e.to_string(),
    })?;
    let code = status.code().unwrap_or(1);
    Ok(ExitCode::from(u8::try_from(code).unwrap_or(1)))
}

pub async fn write_profile(ctx: &Context, a: WriteProfileArgs) -> Result<ExitCode> {
    let profile = a.profile.unwrap_or_else(|| a.name.clone());
    roletray_core::validate::profile_name(&profile)?;
    let path = paths::aws_credentials_file()?;
    let options = WriteOptions { force: a.force };
    // Check the file before assuming, so a broken file (or the user's own
    // keys in that profile) costs no STS call.
    credentials_file::check_writable(&path, &profile, options)?;
    let got = obtain(ctx, &a.name, a.mfa.mfa_code).await?;
    let outcome = credentials_file::write_profile(
        &path,
        &profile,
        &got.session.credentials,
        &ctx.paths.lock_dir,
        options,
        &ctx.keychain()?,
    )?;
    let now = OffsetDateTime::now_utc();
    println!(
        "Wrote profile [{profile}] to {} (expires {}, {}).",
        outcome.path.display(),
        rfc3339(got.session.expiration),
        time_left(got.session.expiration, now)
    );
    if outcome.backed_up {
        println!(
            "Its original bytes are kept in the keychain: `roletray restore-credentials` puts them back."
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Puts the credentials file back as it was before RoleTray's first
/// write-profile, from the copy kept in the keychain, which then goes.
pub fn restore_credentials(ctx: &Context, a: RestoreArgs) -> Result<ExitCode> {
    let keychain = ctx.keychain()?;
    let done = roletray_core::originals::restore_credentials(&ctx.paths, &keychain, a.dry_run)?;
    if a.dry_run {
        println!(
            "Would restore {} to its original ({} bytes) from the keychain.",
            done.path.display(),
            done.bytes
        );
    } else {
        println!(
            "Restored {} to its original ({} bytes); the copy in the keychain is gone.",
            done.path.display(),
            done.bytes
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn sessions(ctx: &Context, a: JsonArg) -> Result<ExitCode> {
    let manager = ctx.sessions().await?;
    let now = OffsetDateTime::now_utc();
    let live = manager.cached_all().await?;
    if a.json {
        let items = live.iter().map(|s| session_json(s, now, None)).collect();
        print_json(&serde_json::Value::Array(items));
    } else if live.is_empty() {
        println!("No live sessions.");
    } else {
        for s in &live {
            println!(
                "{}\t{}\texpires {} ({})",
                s.role,
                s.assumed_role_arn,
                rfc3339(s.expiration),
                time_left(s.expiration, now)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn forget(ctx: &Context, a: NameArg) -> Result<ExitCode> {
    ctx.sessions().await?.forget(&a.name).await?;
    println!("Forgot the cached session of {}.", a.name);
    Ok(ExitCode::SUCCESS)
}
