//! `roletray sso add|list|login|logout|refresh|roles|favourite|remove`:
//! IAM Identity Center sources. Signing in opens the browser (or prints a
//! device code); the tokens go to the keychain, never to a file.

use super::args::{SsoAddArgs, SsoCommand, SsoLoginArgs, SsoRolesArgs};
use super::context::Context;
use super::output::print_json;
use roletray_core::Result;
use roletray_core::platform::browser;
use roletray_core::service::SsoListed;
use roletray_core::sso::listing;
use roletray_core::sso::{ListProgress, SignInMethod, SignInPrompt, SsoSource};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use time::OffsetDateTime;

pub async fn run(ctx: &Context, command: SsoCommand) -> Result<ExitCode> {
    match command {
        SsoCommand::Add(a) => add(ctx, a).await,
        SsoCommand::List(a) => list(ctx, a.json).await,
        SsoCommand::Login(a) => login(ctx, a).await,
        SsoCommand::Logout(a) => {
            ctx.service.sso_logout(&a.name).await?;
            println!(
                "Signed out of {}; its tokens are gone from the keychain.",
                a.name
            );
            Ok(ExitCode::SUCCESS)
        }
        SsoCommand::Refresh(a) => {
            let listed = ctx.service.sso_refresh(&a.name, &Progress::new()).await?;
            say_listed(&a.name, &listed);
            Ok(ExitCode::SUCCESS)
        }
        SsoCommand::Roles(a) => roles(ctx, a),
        SsoCommand::Favourite(a) => {
            ctx.service.sso_favourite(&a.role, !a.off)?;
            let what = if a.off {
                "no longer a favourite"
            } else {
                "a favourite"
            };
            println!("{} is {what}.", a.role);
            Ok(ExitCode::SUCCESS)
        }
        SsoCommand::Remove(a) => {
            ctx.service.remove_sso(&a.name).await?;
            println!(
                "Removed Identity Center source {} and signed it out.",
                a.name
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

async fn add(ctx: &Context, a: SsoAddArgs) -> Result<ExitCode> {
    let source = SsoSource {
        start_url: a.start_url,
        region: a.region,
        scopes: a.scopes,
        favourites: Vec::new(),
    };
    let change = ctx.service.put_sso(&a.name, source, a.replace).await?;
    println!(
        "Identity Center source {} {}; sign in with `roletray sso login {}`.",
        a.name,
        change.as_str(),
        a.name
    );
    Ok(ExitCode::SUCCESS)
}

async fn list(ctx: &Context, json: bool) -> Result<ExitCode> {
    let sources = ctx.service.sso_sources().await?;
    if json {
        print_json(&serde_json::to_value(&sources).unwrap_or_default());
        return Ok(ExitCode::SUCCESS);
    }
    if sources.is_empty() {
        println!(
            "No Identity Center sources yet: add one with `roletray sso add NAME --start-url URL --region REGION`."
        );
    }
    for s in sources {
        let state = match (&s.sign_in_ends, s.signed_in) {
            (Some(ends), true) => format!("signed in until {ends}"),
            _ => "not signed in".to_owned(),
        };
        println!(
            "{}  {} ({})  {state}  {} accounts, {} roles",
            s.name, s.start_url, s.region, s.accounts, s.roles
        );
    }
    Ok(ExitCode::SUCCESS)
}

async fn login(ctx: &Context, a: SsoLoginArgs) -> Result<ExitCode> {
    let method = if a.use_device_code || a.no_browser {
        SignInMethod::DeviceCode
    } else {
        SignInMethod::Browser
    };
    let prompt = CliPrompt {
        browser: !a.no_browser,
    };
    let listed = ctx
        .service
        .sso_login(&a.name, method, &prompt, &Progress::new())
        .await?;
    say_listed(&a.name, &listed);
    Ok(ExitCode::SUCCESS)
}

fn say_listed(name: &str, listed: &SsoListed) {
    let until = OffsetDateTime::from_unix_timestamp(listed.sign_in_ends_at)
        .map(roletray_core::export::rfc3339)
        .unwrap_or_default();
    println!(
        "Signed in to {name} until {until}: {} accounts, {} roles (`roletray sso roles {name}`).",
        listed.accounts, listed.roles
    );
    if listed.dropped > 0 {
        println!(
            "{} role(s) listed before are no longer assigned to you.",
            listed.dropped
        );
    }
}

fn roles(ctx: &Context, a: SsoRolesArgs) -> Result<ExitCode> {
    let config = ctx.config()?;
    let source = config.sso_source(&a.name)?;
    let Some((listing, _)) = listing::load(&ctx.service.paths().sso_cache_dir, &a.name, source)
    else {
        eprintln!(
            "roletray: {} has not listed its accounts yet: `roletray sso login {}`",
            a.name, a.name
        );
        return Ok(ExitCode::FAILURE);
    };
    if a.json {
        let items: Vec<_> = listing
            .accounts
            .iter()
            .map(|acc| {
                serde_json::json!({
                    "account_id": acc.id,
                    "account_name": acc.name,
                    "roles": acc.roles.iter().map(|r| serde_json::json!({
                        "role_name": r,
                        "name": format!("{}/{}/{}", a.name, acc.id, r),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        print_json(&serde_json::Value::Array(items));
        return Ok(ExitCode::SUCCESS);
    }
    for acc in &listing.accounts {
        println!("{} ({})", acc.name, acc.id);
        for r in &acc.roles {
            println!("  {}/{}/{r}", a.name, acc.id);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Opens the browser and says what to do, on stderr (stdout stays for results).
pub(crate) struct CliPrompt {
    pub(crate) browser: bool,
}

impl SignInPrompt for CliPrompt {
    fn open_browser(&self, url: &str) -> bool {
        self.browser && browser::open(url).is_ok()
    }

    fn browser_opened(&self, url: &str) {
        eprintln!(
            "RoleTray opened your browser to sign in. If it did not open, visit:\n\n  {url}\n"
        );
    }

    fn device_code(&self, user_code: &str, verification_uri: &str, complete: Option<&str>) {
        eprintln!("To sign in, open {verification_uri} and confirm the code:\n\n  {user_code}\n");
        if let Some(c) = complete {
            eprintln!("(or open {c}, which carries the code)");
        }
    }
}

/// Progress on stderr, when it is a terminal.
struct Progress {
    shown: bool,
}

impl Progress {
    fn new() -> Progress {
        Progress {
            shown: std::io::stderr().is_terminal(),
        }
    }
}

impl ListProgress for Progress {
    fn accounts_listed(&self, accounts: usize) {
        if self.shown {
            eprint!("\rListing accounts: {accounts}");
            let _ = std::io::stderr().flush();
        }
    }

    fn roles_listed(&self, done: usize, of: usize) {
        if self.shown {
            eprint!("\rListing roles: {done} of {of} accounts");
            if done == of {
                eprintln!();
            }
            let _ = std::io::stderr().flush();
        }
    }
}
