//! The commands that use a role's session: assume, export, credential-process,
//! exec, write-profile, sessions, forget and erase-keychain.

use super::args::{
    AssumeArgs, EraseArgs, ExecArgs, ExportArgs, JsonArg, NameArg, RestoreArgs, WriteProfileArgs,
};
use super::context::Context;
use super::mfa::CliMfa;
use super::output::{print_json, print_secret, time_left};
use roletray_core::credentials_file::WriteOptions;
use roletray_core::export::{self, CONFLICTING_VARS, rfc3339};
use roletray_core::model::Shell;
use roletray_core::platform::process;
use roletray_core::{Error, Result, Session, SessionSummary};
use std::process::ExitCode;
use time::OffsetDateTime;

/// A session for `credential-process`, `export` and `exec`: the running app
/// answers first. A code given on the command line is for this call, so it
/// skips the app.
async fn session_for(ctx: &Context, role: &str, mfa_code: Option<String>) -> Result<Session> {
    let mfa = CliMfa::checked(mfa_code)?;
    ctx.service
        .session_for_tool(role, &mfa, !mfa.has_code())
        .await
}

fn session_json(
    s: &SessionSummary,
    now: OffsetDateTime,
    cached: Option<bool>,
) -> serde_json::Value {
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
    let mfa = CliMfa::checked(a.mfa.mfa_code)?;
    let got = ctx.service.session(&a.name, &mfa, a.renew).await?;
    let now = OffsetDateTime::now_utc();
    let s = &got.session;
    if a.json {
        print_json(&session_json(&s.summary(), now, Some(!got.fresh)));
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
        let (_, lines) = ctx.service.live_export_lines(&a.name, Some(shell))?;
        return print_secret(lines.expose());
    }
    let session = session_for(ctx, &a.name, a.mfa.mfa_code).await?;
    ctx.service.note_use(&a.name);
    let environment = ctx.config()?.environment_of(&a.name);
    print_secret(export::export_lines(&session, environment.as_deref(), shell)?.expose())
}

pub async fn credential_process(ctx: &Context, a: NameArg) -> Result<ExitCode> {
    let session = session_for(ctx, &a.name, None).await?;
    let json = export::credential_process_json(&session)?;
    print_secret(&format!("{}\n", json.expose()))
}

pub async fn exec(ctx: &Context, a: ExecArgs) -> Result<ExitCode> {
    let session = session_for(ctx, &a.name, a.mfa.mfa_code).await?;
    ctx.service.note_use(&a.name);
    let Some((program, args)) = a.command.split_first() else {
        return Err(Error::invalid("command", "give a command after --"));
    };
    let mut cmd = process::command(program);
    cmd.args(args);
    for var in CONFLICTING_VARS {
        cmd.env_remove(var);
    }
    if session.region.is_some() {
        cmd.env_remove("AWS_REGION")
            .env_remove("AWS_DEFAULT_REGION");
    }
    let environment = ctx.config()?.environment_of(&a.name);
    for (k, v) in export::env_vars(&session, environment.as_deref()) {
        cmd.env(k, v.expose());
    }
    run_replacing_self(cmd, &program.to_string_lossy())
}

/// On Unix the command replaces RoleTray (signals and exit code are its own);
/// elsewhere RoleTray waits and passes the exit code through.
fn run_replacing_self(cmd: std::process::Command, program: &str) -> Result<ExitCode> {
    process::run_in_place(cmd).map_err(|e| Error::CommandFailed {
        program: program.to_owned(),
        message: e.to_string(),
    })
}

pub async fn write_profile(ctx: &Context, a: WriteProfileArgs) -> Result<ExitCode> {
    let mfa = CliMfa::checked(a.mfa.mfa_code)?;
    let options = WriteOptions { force: a.force };
    let written = ctx
        .service
        .write_profile(&a.name, a.profile.as_deref(), options, &mfa)
        .await?;
    let now = OffsetDateTime::now_utc();
    println!(
        "Wrote profile [{}] to {} (expires {}, {}).",
        written.profile,
        written.outcome.path.display(),
        rfc3339(written.expiration),
        time_left(written.expiration, now)
    );
    if written.outcome.backed_up {
        println!(
            "Its original bytes are kept in the keychain: `roletray restore-credentials` puts them back."
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Puts the credentials file (or with `--config`, the config file) back as
/// it was before RoleTray first changed it, from the copy kept in the
/// keychain, which then goes.
pub fn restore_credentials(ctx: &Context, a: RestoreArgs) -> Result<ExitCode> {
    let done = if a.config {
        ctx.service.restore_config(a.dry_run)?
    } else {
        ctx.service.restore_credentials(a.dry_run)?
    };
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
    let now = OffsetDateTime::now_utc();
    let live = ctx.service.listed_sessions().await?;
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

pub async fn erase_keychain(ctx: &Context, a: EraseArgs) -> Result<ExitCode> {
    if !a.yes {
        return Err(Error::invalid(
            "--yes",
            "erase-keychain removes every secret access key, sign-in and session RoleTray keeps, \
             and AWS cannot give a secret key back: add --yes to go ahead",
        ));
    }
    let removed = ctx.service.erase_keychain().await?;
    println!("Removed {removed} keychain item(s); the configuration is kept.");
    Ok(ExitCode::SUCCESS)
}

pub async fn forget(ctx: &Context, a: NameArg) -> Result<ExitCode> {
    ctx.service.forget(&a.name).await?;
    println!("Forgot the cached session of {}.", a.name);
    Ok(ExitCode::SUCCESS)
}
