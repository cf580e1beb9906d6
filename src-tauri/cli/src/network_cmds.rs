//! `roletray network check` and `roletray network password`.

use super::args::NetworkCommand;
use super::context::Context;
use super::output::print_json;
use super::secret_input::read_secret;
use roletray_core::Result;
use roletray_core::net::check::{NetworkReport, Sourced};
use std::process::ExitCode;

pub async fn run(ctx: &Context, command: NetworkCommand) -> Result<ExitCode> {
    match command {
        NetworkCommand::Check(a) => {
            let report = ctx.service.network_check().await;
            if a.json {
                print_json(&serde_json::to_value(&report).unwrap_or_default());
            } else {
                print!("{}", text(&report));
            }
            Ok(if report.all_reached() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        NetworkCommand::Password(a) if a.clear => {
            ctx.service.set_proxy_password(None)?;
            println!("The proxy password was removed from the keychain.");
            Ok(ExitCode::SUCCESS)
        }
        NetworkCommand::Password(_) => {
            let password = read_secret("Proxy password: ", "proxy_password")?;
            ctx.service.set_proxy_password(Some(&password))?;
            println!("The proxy password is kept in the keychain.");
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn sourced(s: Option<&Sourced>) -> String {
    s.map_or_else(
        || "none (direct)".to_owned(),
        |s| format!("{} (from {})", s.value, s.from),
    )
}

/// The report as a person reads it.
fn text(r: &NetworkReport) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "Proxy for https:  {}\n",
        sourced(r.https_proxy.as_ref())
    ));
    out.push_str(&format!(
        "Proxy for http:   {}\n",
        sourced(r.http_proxy.as_ref())
    ));
    let from = if r.bypass_from.is_empty() {
        "loopback is always direct".to_owned()
    } else {
        format!(
            "from {}; loopback is always direct",
            r.bypass_from.join(", ")
        )
    };
    out.push_str(&format!(
        "Bypass:           {} ({from})\n",
        r.bypass.join(", ")
    ));
    if r.ca_files.is_empty() {
        out.push_str("CA certificates:  the system's\n");
    } else {
        for f in &r.ca_files {
            out.push_str(&format!(
                "CA certificates:  the system's, and {} (from {})\n",
                f.value, f.from
            ));
        }
    }
    for note in &r.notes {
        out.push_str(&format!("Note: {note}\n"));
    }
    if let Some(p) = &r.problem {
        out.push_str(&format!("\nerror[{}]: {}\n", p.code, p.message));
        return out;
    }
    out.push('\n');
    for p in &r.probes {
        let via = p
            .proxy
            .as_ref()
            .map_or_else(|| "direct".to_owned(), |x| format!("via {x}"));
        match &p.problem {
            None => out.push_str(&format!(
                "ok    {}: {} ({via}, answered HTTP {} in {} ms)\n",
                p.what,
                p.url,
                p.status.unwrap_or_default(),
                p.millis
            )),
            Some(e) => out.push_str(&format!(
                "FAIL  {}: {} ({via}, {} ms)\n      error[{}]: {}\n",
                p.what, p.url, p.millis, e.code, e.message
            )),
        }
    }
    out
}
