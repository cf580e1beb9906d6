//! `roletray signin add|login|logout|list|remove`: AWS Sign-In sources, as
//! `aws login` signs in, with the sign-in's key and refresh token in the
//! keychain instead of `~/.aws/login/cache`.

use super::args::{SigninAddArgs, SigninCommand, SigninLoginArgs};
use super::context::Context;
use super::output::print_json;
use super::sso_cmds::CliPrompt;
use roletray_core::service::SigninStatus;
use roletray_core::signin::SigninSource;
use roletray_core::signin::login::{PastedCode, Via};
use roletray_core::{Error, Result, Sensitive};
use std::io::BufRead;
use std::process::ExitCode;

pub async fn run(ctx: &Context, command: SigninCommand) -> Result<ExitCode> {
    match command {
        SigninCommand::Add(a) => add(ctx, a).await?,
        SigninCommand::Login(a) => login(ctx, a).await?,
        SigninCommand::Logout(a) => {
            ctx.service.signin_logout(&a.name).await?;
            println!(
                "Signed out of {}; its key and tokens are gone from the keychain.",
                a.name
            );
        }
        SigninCommand::List(a) => list(ctx, a.json).await?,
        SigninCommand::Remove(a) => {
            ctx.service.remove_signin(&a.name).await?;
            println!("Removed sign-in source {} and signed it out.", a.name);
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn add(ctx: &Context, a: SigninAddArgs) -> Result<()> {
    let source = SigninSource { region: a.region };
    let change = ctx.service.put_signin(&a.name, source, a.replace).await?;
    println!(
        "Sign-in source {} {}; sign in with `roletray signin login {}`.",
        a.name,
        change.as_str(),
        a.name
    );
    Ok(())
}

async fn login(ctx: &Context, a: SigninLoginArgs) -> Result<()> {
    let status = if a.remote {
        ctx.service
            .signin_login(&a.name, Via::Remote(&PasteHere))
            .await?
    } else {
        let prompt = CliPrompt { browser: true };
        ctx.service
            .signin_login(&a.name, Via::Browser(&prompt))
            .await?
    };
    let who = status.identity_arn.as_deref().unwrap_or("?");
    println!(
        "Signed in to {} as {who}; `roletray credential-process {}` serves it, refreshed for 12 hours.",
        a.name, a.name
    );
    Ok(())
}

/// `--remote`: the link on stderr, the code read from stdin (a line).
struct PasteHere;

impl PastedCode for PasteHere {
    fn code_from(&self, url: &str) -> Result<Sensitive<String>> {
        eprintln!(
            "Open this link in a browser on any device, sign in, then paste the code the page shows:\n\n  {url}\n"
        );
        eprint!("Code: ");
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| Error::io("cannot read the code", e))?;
        let code = Sensitive::new(line);
        if code.expose().trim().is_empty() {
            return Err(Error::invalid("code", "no code was pasted"));
        }
        Ok(Sensitive::new(code.expose().trim().to_owned()))
    }
}

async fn list(ctx: &Context, json: bool) -> Result<()> {
    let all = ctx.service.signin_sources().await?;
    if json {
        let items: Vec<_> = all.iter().map(item).collect();
        print_json(&serde_json::Value::Array(items));
        return Ok(());
    }
    if all.is_empty() {
        println!(
            "No sign-in sources yet: add one with `roletray signin add NAME --region REGION`."
        );
    }
    for s in &all {
        match (&s.identity_arn, s.sign_in_ends) {
            (Some(who), Some(ends)) => println!(
                "{}\t{}\tsigned in as {who} until {}",
                s.name,
                s.region,
                roletray_core::export::rfc3339(ends)
            ),
            _ => println!("{}\t{}\tsigned out", s.name, s.region),
        }
    }
    Ok(())
}

fn item(s: &SigninStatus) -> serde_json::Value {
    serde_json::json!({
        "name": s.name,
        "region": s.region,
        "signed_in": s.identity_arn.is_some(),
        "identity_arn": s.identity_arn,
        "sign_in_ends": s.sign_in_ends.map(roletray_core::export::rfc3339),
        "roles": s.roles,
    })
}
