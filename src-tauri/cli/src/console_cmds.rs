//! `roletray console NAME [--print]`: the AWS console as a role, opened in
//! the default browser (or its sign-in link printed, on explicit request).

use super::args::ConsoleArgs;
use super::context::Context;
use super::mfa::CliMfa;
use super::output::print_secret;
use roletray_core::console::{ConsoleOptions, link_file};
use roletray_core::platform::{browser, process};
use roletray_core::{Error, Result};
use std::process::ExitCode;

pub async fn console(ctx: &Context, a: ConsoleArgs) -> Result<ExitCode> {
    let options = ConsoleOptions {
        duration: a.duration,
        destination: a.destination,
    };
    let login = ctx
        .service
        .console_login(&a.name, &CliMfa::new(a.mfa.mfa_code), &options)
        .await?;
    if let Some(notice) = &login.notice {
        eprintln!("roletray: {notice}");
    }
    if a.print {
        return print_secret(&format!("{}\n", login.url.expose()));
    }
    // The link never reaches argv (other users can read it in /proc): the
    // browser gets a private page that forwards to it, deleted soon after.
    let page = link_file::write(&ctx.service.paths().runtime_dir, &login.url)?;
    browser::open(&link_file::file_url(&page)?).map_err(|(program, message)| {
        Error::CommandFailed {
            program,
            message: format!("{message}; `roletray console NAME --print` prints the link instead"),
        }
    })?;
    delete_later(&page);
    println!(
        "Opened the AWS console as {} (console session up to {} min).",
        login.assumed_role_arn,
        login.console_seconds / 60
    );
    Ok(ExitCode::SUCCESS)
}

/// Leaves a process behind that removes the page once the browser had
/// time to read it (the next sign-in sweeps it up if this fails).
fn delete_later(page: &std::path::Path) {
    if !process::delete_later(page, link_file::LIFETIME) {
        eprintln!(
            "roletray: {} stays until the next console sign-in",
            page.display()
        );
    }
}
