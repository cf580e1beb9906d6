//! `roletray pick`: the quick switch in a terminal (the same search and
//! order as the app's palette), and `--list` for scripts.

use crate::args::{ExportArgs, MfaArg, PickArgs};
use crate::context::Context;
use crate::output::print_json;
use crate::picker;
use crate::session_cmds;
use roletray_core::{Error, Result};
use std::io::IsTerminal;
use std::process::ExitCode;

/// Matches `--list` prints when not told how many.
const LIST_LIMIT: usize = 20;

pub async fn pick(ctx: &Context, a: PickArgs) -> Result<ExitCode> {
    let query = a.query.unwrap_or_default();
    if a.list {
        let hits = ctx.service.pick(&query, a.limit.unwrap_or(LIST_LIMIT));
        for hit in &hits {
            if a.json {
                print_json(&serde_json::json!(hit.role));
            } else {
                println!("{}", hit.role.name);
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(Error::NotATerminal(
            "roletray pick asks in a terminal, and has none here (its input or its error \
             output is not one); in a script, `roletray pick --list QUERY` prints the matches"
                .into(),
        ));
    }
    let chosen = picker::run(&query, |q, n| ctx.service.pick(q, n))?;
    let Some(name) = chosen else {
        return Err(Error::Cancelled("no role was picked".into()));
    };
    if a.export {
        let args = ExportArgs {
            name,
            format: a.format,
            mfa: MfaArg { mfa_code: None },
            live: false,
        };
        return session_cmds::export(ctx, args).await;
    }
    println!("{name}");
    Ok(ExitCode::SUCCESS)
}
