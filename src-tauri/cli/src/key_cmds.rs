//! `roletray source check|rotate`: what IAM says about a source's key now,
//! and replacing the key so that it cannot be lost.

use super::args::{SourceCheckArgs, SourceRotateArgs};
use super::context::Context;
use super::mfa::CliMfa;
use super::output::print_json;
use roletray_core::Result;
use roletray_core::key_views::key_fields;
use roletray_core::service::RotateOptions;
use roletray_core::views::mask_key_id;
use std::process::ExitCode;

/// What a long IAM flow is waiting for, on stderr.
fn progress(message: &str) {
    eprintln!("roletray: {message}");
}

pub async fn check(ctx: &Context, a: SourceCheckArgs) -> Result<ExitCode> {
    let mfa = CliMfa::checked(a.mfa_code)?;
    let names = match a.name {
        Some(name) => vec![name],
        None => ctx.service.key_sources()?,
    };
    let quiet = |_: &str| {};
    let say: &(dyn Fn(&str) + Send + Sync) = if a.json { &quiet } else { &progress };
    let max_age = ctx.service.settings().key_max_age_days;
    let mut failed = false;
    let mut items = Vec::new();
    for name in &names {
        match ctx.service.check_source(name, &mfa, say).await {
            Ok(facts) => {
                let now = ctx.service.now();
                if a.json {
                    let mut v = key_fields(Some(&facts), max_age, now);
                    v["name"] = name.clone().into();
                    v["access_key_id"] = facts.access_key_id.clone().into();
                    items.push(v);
                } else {
                    println!("{name}\t{}", facts.summary(now));
                    for r in roletray_core::key_life::reminders::due(&facts, max_age, now) {
                        println!(
                            "  ! {}: rotate with `roletray source rotate {name}`",
                            r.text()
                        );
                    }
                }
            }
            Err(e) => {
                failed = true;
                if a.json {
                    items.push(serde_json::json!({
                        "name": name,
                        "error": { "code": e.code(), "message": e.to_string() },
                    }));
                } else {
                    eprintln!("roletray: error[{}]: {name}: {e}", e.code());
                }
            }
        }
    }
    if a.json {
        print_json(&serde_json::Value::Array(items));
    } else if names.is_empty() {
        println!("No sources yet: add one with `roletray source add NAME --access-key-id ID`.");
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

pub async fn rotate(ctx: &Context, a: SourceRotateArgs) -> Result<ExitCode> {
    let mfa = CliMfa::checked(a.mfa_code)?;
    let options = RotateOptions {
        keep_old: a.keep_old,
        delete_inactive_other: a.delete_inactive_other,
    };
    let done = ctx
        .service
        .rotate_source(&a.name, options, &mfa, &progress)
        .await?;
    if let Some(other) = &done.deleted_other {
        println!("Deleted the inactive second key {}.", mask_key_id(other));
    }
    let old = if done.old_deleted {
        "deleted"
    } else {
        "inactive (kept: delete it with `roletray source rotate --delete-inactive-other` next time, or in IAM)"
    };
    let how = if done.resumed {
        "Finished the rotation that was cut short"
    } else {
        "Rotated"
    };
    println!(
        "{how}: source {} now uses {}; the old key {} is {old}.",
        a.name,
        mask_key_id(&done.new_key_id),
        mask_key_id(&done.old_key_id),
    );
    Ok(ExitCode::SUCCESS)
}
