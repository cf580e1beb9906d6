//! `roletray`: the command line. Each subcommand is a small function in a
//! file named after what it works on; they all go through `roletray-core`.
//! This binary links no GUI library: with no subcommand it starts the tray
//! app, `roletray-app`, which is a binary of its own.

mod app_launch;
mod args;
mod console_cmds;
mod context;
mod endpoint_cmds;
mod key_cmds;
mod mfa;
mod network_cmds;
mod output;
mod pick_cmd;
mod picker;
mod roles;
mod secret_input;
mod session_cmds;
mod settings_cmds;
mod signin_cmds;
mod sources;
mod sso_cmds;

use args::{Cli, Command};
use clap::Parser;
use context::Context;
use roletray_core::Result;
use std::process::ExitCode;

/// Parses the command line, runs it, and turns any error into one line on
/// stderr (`roletray: error[code]: message`) and a non-zero exit code.
fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return output::usage_error(&e),
    };
    roletray_core::logging::to_stderr(cli.verbose);
    let Some(command) = cli.command else {
        let open = if cli.open_window {
            app_launch::Open::Window
        } else {
            app_launch::Open::Tray
        };
        let e = app_launch::start_app(open);
        output::print_error(&e);
        return ExitCode::FAILURE;
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("roletray: error[io_error]: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(command)) {
        Ok(code) => code,
        Err(e) => {
            output::print_error(&e);
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command) -> Result<ExitCode> {
    let ctx = Context::from_env()?;
    match command {
        Command::Source(c) => sources::run(&ctx, c).await,
        Command::Sso(c) => sso_cmds::run(&ctx, c).await,
        Command::Signin(c) => signin_cmds::run(&ctx, c).await,
        Command::Role(c) => roles::run(&ctx, c).map(|()| ExitCode::SUCCESS),
        Command::Import(a) => settings_cmds::import(&ctx, a).await,
        Command::Config(c) => settings_cmds::config(&ctx, c),
        Command::Assume(a) => session_cmds::assume(&ctx, a).await,
        Command::Export(a) => session_cmds::export(&ctx, a).await,
        Command::CredentialProcess(a) => session_cmds::credential_process(&ctx, a).await,
        Command::Exec(a) => session_cmds::exec(&ctx, a).await,
        Command::WriteProfile(a) => session_cmds::write_profile(&ctx, a).await,
        Command::RestoreCredentials(a) => session_cmds::restore_credentials(&ctx, a),
        Command::Sessions(a) => session_cmds::sessions(&ctx, a).await,
        Command::Forget(a) => session_cmds::forget(&ctx, a).await,
        Command::EraseKeychain(a) => session_cmds::erase_keychain(&ctx, a).await,
        Command::Serve(a) => endpoint_cmds::serve(&ctx, a).await,
        Command::Console(a) => console_cmds::console(&ctx, a).await,
        Command::Network(c) => network_cmds::run(&ctx, c).await,
        Command::Pick(a) => pick_cmd::pick(&ctx, a).await,
        Command::Palette => Err(app_launch::start_app(app_launch::Open::Palette)),
    }
}
