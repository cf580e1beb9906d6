//! `roletray config get|set` and `roletray import`.

use super::args::{ConfigCommand, ImportArgs};
use super::context::Context;
use super::output::print_json;
use roletray_core::model::SETTING_KEYS;
use roletray_core::{Error, Result, paths};
use std::path::PathBuf;
use std::process::ExitCode;

pub fn config(ctx: &Context, command: ConfigCommand) -> Result<ExitCode> {
    match command {
        ConfigCommand::Get { key: Some(key) } => {
            println!("{}", ctx.config()?.settings.get(&key)?);
        }
        ConfigCommand::Get { key: None } => {
            let config = ctx.config()?;
            let settings = &config.settings;
            for key in SETTING_KEYS {
                println!("{key} = {}", settings.get(key)?);
            }
        }
        ConfigCommand::Set { key, value } => {
            ctx.service.set_setting(&key, &value)?;
            println!("{key} = {value}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A path given on the command line must exist; a default one may be missing.
fn chosen(given: Option<PathBuf>, default: Result<PathBuf>) -> Result<PathBuf> {
    match given {
        Some(p) if !p.exists() => Err(Error::invalid(
            "path",
            format!("{} does not exist", p.display()),
        )),
        Some(p) => Ok(p),
        None => default,
    }
}

pub async fn import(ctx: &Context, a: ImportArgs) -> Result<ExitCode> {
    let config_file = chosen(a.config, paths::aws_config_file())?;
    let credentials_file = chosen(a.credentials, paths::aws_credentials_file())?;
    let report = ctx
        .service
        .import_from(&config_file, &credentials_file, a.remove_keys)
        .await?;
    if a.json {
        let items: Vec<_> = report
            .iter()
            .map(|i| serde_json::json!({"kind": i.kind, "name": i.name, "outcome": i.outcome, "removable": i.removable}))
            .collect();
        print_json(&serde_json::Value::Array(items));
    } else if report.is_empty() {
        println!(
            "Nothing to import from {} and {}.",
            config_file.display(),
            credentials_file.display()
        );
    } else {
        for i in &report {
            println!("{} {}: {}", i.kind, i.name, i.outcome);
        }
    }
    Ok(ExitCode::SUCCESS)
}
