//! `roletray serve` (the local credential endpoint, headless) and
//! `roletray export NAME --live` (the lines that point a shell at it).

use super::args::ServeArgs;
use super::context::Context;
use roletray_core::clock::SystemClock;
use roletray_core::endpoint::{self, Deps, Endpoint};
use roletray_core::model::Shell;
use roletray_core::sessions::{NoPrompt, SessionMemory};
use roletray_core::sts::Sts;
use roletray_core::{Error, Result, export};
use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

/// Serves until SIGINT or SIGTERM. No token reaches argv, stdout or the
/// log: the run's secret is in the endpoint file (mode 0600), from which
/// `export --live` makes a role's token, and which is removed on the way out.
pub async fn serve(ctx: &Context, a: ServeArgs) -> Result<ExitCode> {
    if a.rotate {
        endpoint::rotate_running(&ctx.paths).await?;
        println!(
            "Every token of the running credential endpoint is void now: get new ones with `roletray export NAME --live`."
        );
        return Ok(ExitCode::SUCCESS);
    }
    let endpoint = Endpoint::bind(a.port)?;
    let stop = endpoint::termination()?;
    let deps = Deps {
        paths: ctx.paths.clone(),
        keychain: ctx.keychain()?,
        sts: Sts::lazy(),
        clock: Arc::new(SystemClock),
        memory: SessionMemory::default(),
    };
    let publication = endpoint::publish(&ctx.paths, &endpoint)?;
    announce(&endpoint, publication.file())?;
    // Requests needing an MFA code answer `mfa_required`; a cached MFA
    // session (from `roletray assume ROLE --mfa-code CODE`) serves them.
    endpoint.serve(deps, Arc::new(NoPrompt), stop).await?;
    publication.withdraw()?;
    eprintln!("roletray: the credential endpoint stopped");
    Ok(ExitCode::SUCCESS)
}

fn announce(endpoint: &Endpoint, secret_file: &std::path::Path) -> Result<()> {
    let text = format!(
        "Serving role credentials at {} (Ctrl-C to stop).\n\
         Each role has its own token, made from the secret in {} (readable by you only).\n\
         To use role NAME in a shell:\n  \
         eval \"$(roletray export NAME --live)\"\n\
         (`--format json` prints the AWS_CONTAINER_CREDENTIALS_FULL_URI and\n\
         AWS_CONTAINER_AUTHORIZATION_TOKEN any AWS SDK or CLI needs.)\n",
        endpoint.role_url("NAME"),
        secret_file.display(),
    );
    print_secret(&text)
}

/// Lines that point a shell at the running endpoint for `role`.
pub fn export_live(ctx: &Context, role: &str, shell: Shell) -> Result<ExitCode> {
    let config = ctx.config()?;
    let region = config.region_of(role)?;
    let live = endpoint::discover(&ctx.paths)?;
    let token = live.role_token(&config, role, time::OffsetDateTime::now_utc())?;
    let lines = export::live_export_lines(&live.role_url(role), &token, region.as_deref(), shell)?;
    print_secret(lines.expose())?;
    Ok(ExitCode::SUCCESS)
}

/// Writes to stdout in one go; a closed pipe is an error, not a panic.
fn print_secret(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| Error::io("cannot write to stdout", e))
}
