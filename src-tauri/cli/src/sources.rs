//! `roletray source add|list|remove` (and `check|rotate`, in `key_cmds`).

use super::args::{SourceAddArgs, SourceCommand, SourceSetArgs};
use super::context::Context;
use super::output::print_json;
use super::secret_input::read_secret;
use roletray_core::Result;
use roletray_core::key_life::facts::ago;
use roletray_core::key_life::reminders::due;
use roletray_core::key_views::key_fields;
use roletray_core::model::Source;
use roletray_core::service::{MfaCommand, SourceEdit};
use std::process::ExitCode;

pub async fn run(ctx: &Context, command: SourceCommand) -> Result<ExitCode> {
    match command {
        SourceCommand::Add(a) => add(ctx, a)?,
        SourceCommand::List(a) => list(ctx, a.json)?,
        SourceCommand::Remove(a) => {
            ctx.service.remove_source(&a.name)?;
            println!("Removed source {} and its secret key.", a.name);
        }
        SourceCommand::Check(a) => return super::key_cmds::check(ctx, a).await,
        SourceCommand::Rotate(a) => return super::key_cmds::rotate(ctx, a).await,
        SourceCommand::Set(a) => set(ctx, a)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn add(ctx: &Context, a: SourceAddArgs) -> Result<()> {
    let source = Source {
        access_key_id: a.access_key_id,
        mfa_serial: a.mfa_serial,
        region: a.region,
        mfa_command: a
            .mfa_command
            .as_deref()
            .map(MfaCommand::parse)
            .transpose()?,
        first_key_id: None,
    };
    // Check the cheap things before asking for the secret.
    roletray_core::validate::name("source name", &a.name)?;
    source.validate()?;
    let secret = read_secret(
        &format!("Secret access key for {}: ", a.name),
        "secret_access_key",
    )?;
    let change = ctx
        .service
        .put_source(&a.name, source, &secret, a.replace)?;
    println!(
        "Source {} {}; its secret key is in the keychain.",
        a.name,
        change.as_str()
    );
    Ok(())
}

/// `source set`: what is given changes, the rest stays.
fn set(ctx: &Context, a: SourceSetArgs) -> Result<()> {
    let mut edit = SourceEdit::of(ctx.config()?.source(&a.name)?);
    if a.no_mfa_serial {
        edit.mfa_serial = None;
        edit.mfa_command = None;
    }
    if let Some(serial) = a.mfa_serial {
        edit.mfa_serial = Some(serial);
    }
    if a.no_mfa_command {
        edit.mfa_command = None;
    }
    if let Some(line) = a.mfa_command {
        edit.mfa_command = Some(MfaCommand::parse(&line)?);
    }
    if a.no_region {
        edit.region = None;
    }
    if let Some(region) = a.region {
        edit.region = Some(region);
    }
    ctx.service.update_source(&a.name, edit)?;
    println!("Source {} updated.", a.name);
    Ok(())
}

/// Sources with what the key facts cache says of their keys (offline).
fn list(ctx: &Context, json: bool) -> Result<()> {
    let config = ctx.config()?;
    let cache = ctx.service.key_facts_cache();
    let now = ctx.service.now();
    let max_age = config.settings.key_max_age_days;
    if json {
        let items: Vec<_> = config
            .sources
            .iter()
            .map(|(name, s)| {
                let mut item = key_fields(cache.facts_for(name, &s.access_key_id), max_age, now);
                item["name"] = name.clone().into();
                item["access_key_id"] = s.access_key_id.clone().into();
                item["mfa_serial"] = s.mfa_serial.clone().into();
                item["mfa_command"] = serde_json::json!(s.mfa_command);
                item["region"] = s.region.clone().into();
                item["roles"] = config.roles_using_source(name).into();
                item
            })
            .collect();
        print_json(&serde_json::Value::Array(items));
        return Ok(());
    }
    if config.sources.is_empty() {
        println!("No sources yet: add one with `roletray source add NAME --access-key-id ID`.");
    }
    for (name, s) in &config.sources {
        let mut extra = Vec::new();
        if let Some(m) = &s.mfa_serial {
            extra.push(format!("mfa {m}"));
        }
        if let Some(c) = &s.mfa_command {
            extra.push(format!("codes from `{}`", c.program_name()));
        }
        if let Some(r) = &s.region {
            extra.push(format!("region {r}"));
        }
        let extra = if extra.is_empty() {
            String::new()
        } else {
            format!(" ({})", extra.join(", "))
        };
        println!("{name}\t{}{extra}", s.access_key_id);
        match cache.facts_for(name, &s.access_key_id) {
            Some(facts) => {
                println!(
                    "  {} (read {})",
                    facts.summary(now),
                    ago(now - facts.read_at)
                );
                for r in due(facts, max_age, now) {
                    println!(
                        "  ! {}: rotate with `roletray source rotate {name}`",
                        r.text()
                    );
                }
            }
            None => println!("  key facts not read yet: `roletray source check {name}`"),
        }
    }
    Ok(())
}
