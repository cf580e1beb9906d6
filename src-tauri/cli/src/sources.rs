//! `roletray source add|list|remove`.

use super::args::{SourceAddArgs, SourceCommand};
use super::context::Context;
use super::output::print_json;
use roletray_core::model::Source;
use roletray_core::{Error, Result, Sensitive};
use std::io::{BufRead, IsTerminal};

pub fn run(ctx: &Context, command: SourceCommand) -> Result<()> {
    match command {
        SourceCommand::Add(a) => add(ctx, a),
        SourceCommand::List(a) => list(ctx, a.json),
        SourceCommand::Remove(a) => {
            ctx.service.remove_source(&a.name)?;
            println!("Removed source {} and its secret key.", a.name);
            Ok(())
        }
    }
}

fn add(ctx: &Context, a: SourceAddArgs) -> Result<()> {
    let source = Source {
        access_key_id: a.access_key_id,
        mfa_serial: a.mfa_serial,
        region: a.region,
    };
    // Check the cheap things before asking for the secret.
    roletray_core::validate::name("source name", &a.name)?;
    source.validate()?;
    let secret = read_secret(&a.name)?;
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

/// The secret key: a hidden prompt on a terminal, else one line of stdin.
/// Never an argument, so it stays out of shell history and `ps`.
fn read_secret(name: &str) -> Result<Sensitive<String>> {
    let text = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(format!("Secret access key for {name}: "))
            .map_err(|e| Error::io("cannot read the secret key", e))?
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| Error::io("cannot read the secret key from stdin", e))?;
        line
    };
    // Boxed at once so the buffer with the newline is zeroed too.
    let raw = Sensitive::new(text);
    let secret = Sensitive::new(raw.expose().trim_end_matches(['\r', '\n']).to_owned());
    if secret.expose().is_empty() {
        return Err(Error::invalid(
            "secret_access_key",
            "is empty: give it on stdin (one line) or at the prompt",
        ));
    }
    Ok(secret)
}

fn list(ctx: &Context, json: bool) -> Result<()> {
    let config = ctx.config()?;
    if json {
        let items: Vec<_> = config
            .sources
            .iter()
            .map(|(name, s)| {
                serde_json::json!({
                    "name": name,
                    "access_key_id": s.access_key_id,
                    "mfa_serial": s.mfa_serial,
                    "region": s.region,
                    "roles": config.roles_using_source(name),
                })
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
        if let Some(r) = &s.region {
            extra.push(format!("region {r}"));
        }
        let extra = if extra.is_empty() {
            String::new()
        } else {
            format!(" ({})", extra.join(", "))
        };
        println!("{name}\t{}{extra}", s.access_key_id);
    }
    Ok(())
}
