//! `roletray role add|list|remove`.

use super::args::{RoleAddArgs, RoleCommand};
use super::context::Context;
use super::output::print_json;
use roletray_core::Result;
use roletray_core::environment::Colour;
use roletray_core::model::Role;
use roletray_core::service::MfaCommand;

pub fn run(ctx: &Context, command: RoleCommand) -> Result<()> {
    match command {
        RoleCommand::Add(a) => add(ctx, *a),
        RoleCommand::List(a) => list(ctx, a.json),
        RoleCommand::Remove(a) => {
            ctx.service.remove_role(&a.name)?;
            println!("Removed role {} and its cached session.", a.name);
            Ok(())
        }
    }
}

fn add(ctx: &Context, a: RoleAddArgs) -> Result<()> {
    let role = Role {
        role_arn: a.role_arn,
        source: a.source,
        via: a.via,
        external_id: a.external_id,
        session_name: a.session_name,
        duration_seconds: a.duration,
        mfa_serial: a.mfa_serial,
        region: a.region,
        favourite: a.favourite,
        mfa_command: a
            .mfa_command
            .as_deref()
            .map(MfaCommand::parse)
            .transpose()?,
        environment: a.environment,
        colour: a.colour.as_deref().map(Colour::parse).transpose()?,
        confirm: match (a.confirm, a.no_confirm) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
        sso: None,
        signin: None,
        identity_center: None,
    };
    let saved = ctx.service.put_role(&a.name, role, a.replace)?;
    println!("Role {} {}.", a.name, saved.change.as_str());
    if let Some(note) = saved.note {
        eprintln!("roletray: note: {note}");
    }
    Ok(())
}

fn list(ctx: &Context, json: bool) -> Result<()> {
    let config = ctx.config()?;
    if json {
        let items: Vec<_> = config
            .roles
            .iter()
            .map(|(name, r)| {
                serde_json::json!({
                    "name": name,
                    "role_arn": r.role_arn,
                    "source": r.source,
                    "via": r.via,
                    "external_id": r.external_id,
                    "session_name": r.session_name,
                    "duration_seconds": r.effective_duration(),
                    "mfa_serial": r.mfa_serial,
                    "region": r.region,
                    "favourite": r.favourite,
                    "environment": r.environment,
                    "colour": r.shown_colour().map(Colour::as_str),
                    "asks_first": r.asks_first(),
                    "mfa_command": r.mfa_command,
                    "identity_center": r.identity_center,
                    "sso": r.sso.as_ref().map(|s| serde_json::json!({
                        "source": s.target.sso,
                        "account_id": s.target.account_id,
                        "account_name": s.account_name,
                        "role_name": s.target.role_name,
                    })),
                })
            })
            .collect();
        print_json(&serde_json::Value::Array(items));
        return Ok(());
    }
    if config.roles.is_empty() {
        println!(
            "No roles yet: add one with `roletray role add NAME --role-arn ARN --source SOURCE`."
        );
    }
    for (name, r) in &config.roles {
        let from = match (&r.source, &r.via, &r.identity_center) {
            (Some(s), _, _) => format!("source {s}"),
            (_, Some(v), _) => format!("via {v}"),
            (_, _, Some(key)) => format!("Identity Center {key}"),
            _ => String::new(),
        };
        let star = if r.favourite { "*" } else { "" };
        let label = r
            .environment
            .as_deref()
            .map(|e| format!("\t[{e}]"))
            .unwrap_or_default();
        println!("{name}{star}\t{}\t{from}{label}", r.role_arn);
    }
    Ok(())
}
