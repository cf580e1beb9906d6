//! `roletray serve` (the local credential endpoint, headless) and
//! `roletray export NAME --live` (the lines that point a shell at it).

use super::args::ServeArgs;
use super::context::Context;
use roletray_core::clock::SystemClock;
use roletray_core::endpoint::{self, Deps, Endpoint};
use roletray_core::model::Shell;
use roletray_core::sessions::NoPrompt;
use roletray_core::sts::Sts;
use roletray_core::{Error, Result, export};
use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

/// Serves until SIGINT or SIGTERM. The token never reaches argv, stdout or
/// the log: it is in the endpoint file (mode 0600), which `export --live`
/// reads and which is removed on the way out.
pub async fn serve(ctx: &Context, a: ServeArgs) -> Result<ExitCode> {
    let endpoint = Endpoint::bind(a.port)?;
    let stop = endpoint::termination()?;
    let deps = Deps {
        paths: ctx.paths.clone(),
        keychain: ctx.keychain()?,
        sts: Sts::load().await,
        clock: Arc::new(SystemClock),
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

fn announce(endpoint: &Endpoint, token_file: &std::path::Path) -> Result<()> {
    let text = format!(
        "Serving role credentials at {} (Ctrl-C to stop).\n\
         The token is in {} (readable by you only). To use role NAME in a shell:\n  \
         eval \"$(roletray export NAME --live)\"\n\
         Any AWS SDK or CLI given these two variables fetches fresh credentials by itself:\n  \
         AWS_CONTAINER_CREDENTIALS_FULL_URI={}\n  \
         AWS_CONTAINER_AUTHORIZATION_TOKEN=<the token>\n",
        endpoint.role_url("NAME"),
        token_file.display(),
        endpoint.role_url("NAME"),
    );
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| Error::io("cannot write to stdout", e))
}

/// Lines that point a shell at the running endpoint for `role`.
pub fn export_live(ctx: &Context, role: &str, shell: Shell) -> Result<ExitCode> {
    let config = ctx.config()?;
    let region = config.region_of(role)?;
    let live = endpoint::discover(&ctx.paths)?;
    let lines =
        export::live_export_lines(&live.role_url(role), &live.token, region.as_deref(), shell)?;
    let mut out = std::io::stdout().lock();
    out.write_all(lines.expose().as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| Error::io("cannot write to stdout", e))?;
    Ok(ExitCode::SUCCESS)
}
