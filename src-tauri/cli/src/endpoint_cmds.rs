//! `roletray serve`: the local credential endpoint, headless.

use super::args::ServeArgs;
use super::context::Context;
use super::output::print_secret;
use roletray_core::Result;
use roletray_core::endpoint::{self, Endpoint};
use roletray_core::service::CommandsOnly;
use std::process::ExitCode;
use std::sync::Arc;

/// Serves until SIGINT or SIGTERM. No token reaches argv, stdout or the
/// log: the run's secret is in the endpoint file (mode 0600), from which
/// `export --live` makes a role's token, and which is removed on the way out.
pub async fn serve(ctx: &Context, a: ServeArgs) -> Result<ExitCode> {
    if a.rotate {
        ctx.service.reset_endpoint_tokens().await?;
        println!(
            "Every token of the running credential endpoint is void now: get new ones with `roletray export NAME --live`."
        );
        return Ok(ExitCode::SUCCESS);
    }
    let endpoint = Endpoint::bind(a.port)?;
    let stop = endpoint::termination()?;
    let deps = ctx.service.endpoint_deps()?;
    let publication = endpoint::publish(ctx.service.paths(), &endpoint)?;
    announce(&endpoint, publication.file())?;
    // Requests needing an MFA code answer `mfa_required`; a cached MFA
    // session (from `roletray assume ROLE --mfa-code CODE`) serves them.
    endpoint.serve(deps, Arc::new(CommandsOnly), stop).await?;
    publication.withdraw()?;
    eprintln!("roletray: the credential endpoint stopped");
    Ok(ExitCode::SUCCESS)
}

fn announce(endpoint: &Endpoint, secret_file: &std::path::Path) -> Result<()> {
    // In the system's own shell: PowerShell on Windows.
    let use_it = if roletray_core::platform::SHELL_IS_POWERSHELL {
        "roletray export NAME --live | Out-String | Invoke-Expression"
    } else {
        "eval \"$(roletray export NAME --live)\""
    };
    let text = format!(
        "Serving role credentials at {} (Ctrl-C to stop).\n\
         Each role has its own token, made from the secret in {} (readable by you only).\n\
         To use role NAME in a shell:\n  {use_it}\n\
         (`--format json` prints the AWS_CONTAINER_CREDENTIALS_FULL_URI and\n\
         AWS_CONTAINER_AUTHORIZATION_TOKEN any AWS SDK or CLI needs.)\n",
        endpoint.role_url("NAME"),
        roletray_core::platform::dirs::shown(secret_file).display(),
    );
    print_secret(&text).map(drop)
}
