//! What users get out of a session: environment variables, export lines for
//! each shell with every value quoted safely, and `credential_process` JSON.
//! Everything returned holds secrets, so it comes back as `Sensitive`.

use crate::credentials::Session;
use crate::error::{Error, Result};
use crate::model::Shell;
use crate::secret::Sensitive;
use time::format_description::well_known::Rfc3339;

/// RFC 3339 in UTC, as the AWS SDKs expect (`2026-11-25T08:00:00Z`).
pub fn rfc3339(t: time::OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .replace_nanosecond(0)
        .unwrap_or(t)
        .format(&Rfc3339)
        .unwrap_or_default()
}

/// The variables a session sets, in a stable order: the AWS ones, then
/// the role's name and environment label for a shell prompt (the label
/// empty when it has none, so a label left from an earlier role goes).
pub fn env_vars(
    session: &Session,
    environment: Option<&str>,
) -> Vec<(&'static str, Sensitive<String>)> {
    let c = &session.credentials;
    let mut vars = vec![
        ("AWS_ACCESS_KEY_ID", Sensitive::new(c.access_key_id.clone())),
        ("AWS_SECRET_ACCESS_KEY", c.secret_access_key.clone()),
    ];
    if let Some(token) = &c.session_token {
        vars.push(("AWS_SESSION_TOKEN", token.clone()));
    }
    vars.push((
        "AWS_CREDENTIAL_EXPIRATION",
        Sensitive::new(rfc3339(session.expiration)),
    ));
    if let Some(region) = &session.region {
        vars.push(("AWS_REGION", Sensitive::new(region.clone())));
        vars.push(("AWS_DEFAULT_REGION", Sensitive::new(region.clone())));
    }
    vars.extend(role_vars(&session.role, environment));
    vars
}

/// The variables that name the role and its environment.
pub fn role_vars(role: &str, environment: Option<&str>) -> [(&'static str, Sensitive<String>); 2] {
    [
        ("ROLETRAY_ROLE", Sensitive::new(role.to_owned())),
        (
            "ROLETRAY_ENVIRONMENT",
            Sensitive::new(environment.unwrap_or_default().to_owned()),
        ),
    ]
}

/// Variables that would fight with a session's if left in a child's environment.
pub const CONFLICTING_VARS: [&str; 14] = [
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_CREDENTIAL_EXPIRATION",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_ROLE_ARN",
    "AWS_ROLE_SESSION_NAME",
];

/// The two variables that send the AWS SDKs and CLIs to a running credential
/// endpoint for one role, plus the region as for a session.
pub fn live_env_vars(
    role_url: &str,
    token: &Sensitive<String>,
    region: Option<&str>,
) -> Vec<(&'static str, Sensitive<String>)> {
    let mut vars = vec![
        (
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            Sensitive::new(role_url.to_owned()),
        ),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN", token.clone()),
    ];
    if let Some(region) = region {
        vars.push(("AWS_REGION", Sensitive::new(region.to_owned())));
        vars.push(("AWS_DEFAULT_REGION", Sensitive::new(region.to_owned())));
    }
    vars
}

/// Ready-to-paste lines that set the session's variables in `shell`.
pub fn export_lines(
    session: &Session,
    environment: Option<&str>,
    shell: Shell,
) -> Result<Sensitive<String>> {
    render(&env_vars(session, environment), &[], shell)
}

/// Ready-to-paste lines that point a shell at a running credential endpoint
/// for one role. Where the shell can, they first clear every variable that
/// would win over the endpoint in the SDKs' provider chain (static keys, a
/// profile, web identity, another container endpoint). `named` are the
/// role's own variables (`role_vars`).
pub fn live_export_lines(
    role_url: &str,
    token: &Sensitive<String>,
    region: Option<&str>,
    named: &[(&'static str, Sensitive<String>)],
    shell: Shell,
) -> Result<Sensitive<String>> {
    let mut vars = live_env_vars(role_url, token, region);
    vars.extend_from_slice(named);
    let cleared: Vec<&str> = CONFLICTING_VARS
        .into_iter()
        .filter(|c| !vars.iter().any(|(k, _)| k == c))
        .collect();
    render(&vars, &cleared, shell)
}

/// Lines that unset `cleared`, then set `vars`, in `shell`'s syntax (JSON
/// and dotenv have no way to unset: they only set).
fn render(
    vars: &[(&'static str, Sensitive<String>)],
    cleared: &[&str],
    shell: Shell,
) -> Result<Sensitive<String>> {
    if shell == Shell::Json {
        let map: serde_json::Map<String, serde_json::Value> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.expose().clone().into()))
            .collect();
        let text = serde_json::to_string_pretty(&map)
            .map_err(|e| Error::invalid("format", e.to_string()))?;
        return Ok(Sensitive::new(text + "\n"));
    }
    let mut out = unset_lines(cleared, shell);
    for (k, v) in vars {
        out.push_str(&line(shell, k, v.expose())?);
        out.push('\n');
    }
    Ok(Sensitive::new(out))
}

fn unset_lines(names: &[&str], shell: Shell) -> String {
    if names.is_empty() {
        return String::new();
    }
    match shell {
        Shell::Bash | Shell::Zsh => format!("unset {}\n", names.join(" ")),
        Shell::Fish => names.iter().map(|n| format!("set -e {n}\n")).collect(),
        Shell::Powershell => names
            .iter()
            .map(|n| format!("Remove-Item Env:{n} -ErrorAction SilentlyContinue\n"))
            .collect(),
        Shell::Cmd => names.iter().map(|n| format!("set \"{n}=\"\n")).collect(),
        Shell::Dotenv | Shell::Json => String::new(),
    }
}

fn line(shell: Shell, key: &str, value: &str) -> Result<String> {
    Ok(match shell {
        Shell::Bash | Shell::Zsh => format!("export {key}={}", posix_quote(value)),
        Shell::Fish => format!("set -gx {key} {}", fish_quote(value)),
        Shell::Powershell => format!("$Env:{key} = '{}'", value.replace('\'', "''")),
        Shell::Cmd => {
            // `set "K=v"` keeps & | < > ^ literal; % and " cannot be made safe.
            if value.contains(['%', '"', '\r', '\n']) {
                return Err(Error::invalid(
                    "format",
                    format!("{key} holds a character cmd cannot take safely"),
                ));
            }
            format!("set \"{key}={value}\"")
        }
        Shell::Dotenv => format!("{key}={}", dotenv_quote(value)),
        Shell::Json => {
            return Err(Error::invalid("format", "json is one document, not lines"));
        }
    })
}

/// Single quotes, with `'` written as `'\''`: nothing inside is expanded.
fn posix_quote(v: &str) -> String {
    format!("'{}'", v.replace('\'', r"'\''"))
}

/// fish single quotes: only `\` and `'` need a backslash.
fn fish_quote(v: &str) -> String {
    format!("'{}'", v.replace('\\', r"\\").replace('\'', r"\'"))
}

/// Bare when every character is plainly safe (so `docker --env-file` reads it
/// too), else double-quoted with escapes.
fn dotenv_quote(v: &str) -> String {
    let plain = v
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "+/=:._-@,".contains(c));
    if plain && !v.is_empty() {
        v.to_owned()
    } else {
        let escaped = v
            .replace('\\', r"\\")
            .replace('"', "\\\"")
            .replace('$', r"\$")
            .replace('\n', r"\n");
        format!("\"{escaped}\"")
    }
}

/// The JSON a `credential_process` must print (Version 1).
pub fn credential_process_json(session: &Session) -> Result<Sensitive<String>> {
    let c = &session.credentials;
    let value = serde_json::json!({
        "Version": 1,
        "AccessKeyId": c.access_key_id,
        "SecretAccessKey": c.secret_access_key.expose(),
        "SessionToken": c.session_token.as_ref().map(|t| t.expose().as_str()),
        "Expiration": rfc3339(session.expiration),
    });
    serde_json::to_string(&value)
        .map(Sensitive::new)
        .map_err(|e| Error::invalid("credential_process", e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::Credentials;
    use std::process::Command;

    /// A session whose values exercise every quoting rule.
    fn nasty() -> Session {
        Session {
            role: "dev".into(),
            assumed_role_arn: "arn:aws:sts::123456789012:assumed-role/dev/s".into(),
            credentials: Credentials {
                access_key_id: "ASIA'QUOTE\"D$HOME".into(),
                secret_access_key: Sensitive::from(r"a'b\c$(touch /tmp/x)`id`"),
                session_token: Some(Sensitive::from("tok+en/==")),
            },
            expiration: time::macros::datetime!(2026-11-25 08:00:00 UTC),
            region: Some("eu-west-1".into()),
        }
    }

    fn plain() -> Session {
        let mut s = nasty();
        s.credentials.access_key_id = "ASIAEXAMPLE123".into();
        s.credentials.secret_access_key = Sensitive::from("wJalr/K7MDENG+bPxRfiCY=");
        s
    }

    /// A label as awkward for a shell as labels get.
    const LABEL: &str = "o'brien: $(prod)";

    fn expected(s: &Session) -> Vec<(String, String)> {
        env_vars(s, Some(LABEL))
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.expose().clone()))
            .collect()
    }

    /// Runs `script` (the export lines plus printing each variable) in `shell`.
    fn evaluate(shell: &str, script: &str) -> Option<String> {
        let required = std::env::var_os("ROLETRAY_REQUIRE_SHELLS").is_some();
        // A HOME of its own: fish makes its config and data folders there.
        let home = tempfile::tempdir().unwrap();
        let mut cmd = Command::new(shell);
        cmd.arg("-c").arg(script).env("HOME", home.path());
        for var in [
            "XDG_CONFIG_HOME",
            "XDG_DATA_HOME",
            "XDG_CACHE_HOME",
            "XDG_STATE_HOME",
        ] {
            cmd.env(var, home.path());
        }
        match cmd.output() {
            Ok(o) => {
                assert!(
                    o.status.success(),
                    "{shell}: {}",
                    String::from_utf8_lossy(&o.stderr)
                );
                Some(String::from_utf8_lossy(&o.stdout).into_owned())
            }
            Err(_) if !required => None,
            Err(e) => panic!("{shell} is required for this test: {e}"),
        }
    }

    /// Prints each variable NUL-terminated (the same syntax in bash and fish).
    fn printer(vars: &[(String, String)]) -> String {
        vars.iter()
            .map(|(k, _)| format!("printf '%s\\0' \"${k}\"\n"))
            .collect()
    }

    #[test]
    fn bash_and_fish_read_back_exactly_what_was_exported() {
        let s = nasty();
        let vars = expected(&s);
        for (shell, format) in [("bash", Shell::Bash), ("fish", Shell::Fish)] {
            let lines = export_lines(&s, Some(LABEL), format).unwrap();
            let script = format!("{}{}", lines.expose(), printer(&vars));
            let Some(out) = evaluate(shell, &script) else {
                continue;
            };
            let got: Vec<&str> = out.split('\0').filter(|x| !x.is_empty()).collect();
            let want: Vec<&str> = vars.iter().map(|(_, v)| v.as_str()).collect();
            assert_eq!(got, want, "{shell} read back different values");
        }
    }

    #[test]
    fn each_format_has_its_syntax() {
        let s = plain();
        let get = |sh| {
            export_lines(&s, Some("production"), sh)
                .unwrap()
                .expose()
                .clone()
        };
        assert!(get(Shell::Bash).starts_with("export AWS_ACCESS_KEY_ID='ASIAEXAMPLE123'\n"));
        assert!(get(Shell::Fish).starts_with("set -gx AWS_ACCESS_KEY_ID 'ASIAEXAMPLE123'\n"));
        assert!(get(Shell::Powershell).starts_with("$Env:AWS_ACCESS_KEY_ID = 'ASIAEXAMPLE123'\n"));
        assert!(get(Shell::Cmd).starts_with("set \"AWS_ACCESS_KEY_ID=ASIAEXAMPLE123\"\n"));
        assert!(get(Shell::Dotenv).contains("AWS_SECRET_ACCESS_KEY=wJalr/K7MDENG+bPxRfiCY=\n"));
        assert!(get(Shell::Bash).contains("AWS_CREDENTIAL_EXPIRATION='2026-11-25T08:00:00Z'"));
        assert!(get(Shell::Bash).contains("export AWS_DEFAULT_REGION='eu-west-1'"));
        let json: serde_json::Value = serde_json::from_str(&get(Shell::Json)).unwrap();
        assert_eq!(json["AWS_SESSION_TOKEN"], "tok+en/==");
        // The role and its environment, for a shell prompt, in every format.
        for (shell, line) in [
            (Shell::Bash, "export ROLETRAY_ENVIRONMENT='production'\n"),
            (Shell::Zsh, "export ROLETRAY_ENVIRONMENT='production'\n"),
            (Shell::Fish, "set -gx ROLETRAY_ENVIRONMENT 'production'\n"),
            (
                Shell::Powershell,
                "$Env:ROLETRAY_ENVIRONMENT = 'production'\n",
            ),
            (Shell::Cmd, "set \"ROLETRAY_ENVIRONMENT=production\"\n"),
            (Shell::Dotenv, "ROLETRAY_ENVIRONMENT=production\n"),
        ] {
            assert!(get(shell).contains(line), "{shell:?}: {}", get(shell));
        }
        assert_eq!(json["ROLETRAY_ROLE"], "dev");
        assert_eq!(json["ROLETRAY_ENVIRONMENT"], "production");
        // No label: the variable is set empty, so an earlier role's goes.
        let none = export_lines(&s, None, Shell::Bash).unwrap();
        assert!(none.expose().ends_with("export ROLETRAY_ENVIRONMENT=''\n"));
    }

    #[test]
    fn powershell_and_dotenv_escape_quotes() {
        let s = nasty();
        let ps = export_lines(&s, None, Shell::Powershell).unwrap();
        assert!(
            ps.expose()
                .contains(r"$Env:AWS_SECRET_ACCESS_KEY = 'a''b\c$(touch /tmp/x)`id`'")
        );
        let env = export_lines(&s, None, Shell::Dotenv).unwrap();
        assert!(
            env.expose()
                .contains(r#"AWS_ACCESS_KEY_ID="ASIA'QUOTE\"D\$HOME""#)
        );
        assert_eq!(
            export_lines(&s, None, Shell::Cmd).unwrap_err().code(),
            "invalid_input"
        );
    }

    #[test]
    fn no_region_means_no_region_variables() {
        let mut s = plain();
        s.region = None;
        let names: Vec<_> = env_vars(&s, None).into_iter().map(|(k, _)| k).collect();
        assert_eq!(
            names,
            [
                "AWS_ACCESS_KEY_ID",
                "AWS_SECRET_ACCESS_KEY",
                "AWS_SESSION_TOKEN",
                "AWS_CREDENTIAL_EXPIRATION",
                "ROLETRAY_ROLE",
                "ROLETRAY_ENVIRONMENT"
            ]
        );
    }

    #[test]
    fn live_lines_clear_what_would_win_over_the_endpoint() {
        let token = Sensitive::from("t0k3n");
        let url = "http://127.0.0.1:4242/roles/dev";
        let bash = live_export_lines(url, &token, Some("eu-west-1"), &[], Shell::Bash).unwrap();
        let script = format!(
            "export AWS_PROFILE=p AWS_ACCESS_KEY_ID=k AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=/x\n{}\
             printf '%s|%s|%s|%s|%s' \"${{AWS_PROFILE-unset}}\" \"${{AWS_ACCESS_KEY_ID-unset}}\" \
             \"${{AWS_CONTAINER_CREDENTIALS_RELATIVE_URI-unset}}\" \
             \"$AWS_CONTAINER_CREDENTIALS_FULL_URI\" \"$AWS_CONTAINER_AUTHORIZATION_TOKEN\"",
            bash.expose()
        );
        if let Some(out) = evaluate("bash", &script) {
            assert_eq!(out, format!("unset|unset|unset|{url}|t0k3n"));
        }
        assert!(bash.expose().contains("export AWS_REGION='eu-west-1'\n"));
        let fish = live_export_lines(url, &token, None, &[], Shell::Fish).unwrap();
        assert!(fish.expose().contains("set -e AWS_PROFILE\n"));
        assert!(!fish.expose().contains("AWS_REGION"));
        let json = live_export_lines(url, &token, None, &[], Shell::Json).unwrap();
        let v: serde_json::Value = serde_json::from_str(json.expose()).unwrap();
        assert_eq!(v["AWS_CONTAINER_CREDENTIALS_FULL_URI"], url);
        assert_eq!(v["AWS_CONTAINER_AUTHORIZATION_TOKEN"], "t0k3n");
        assert_eq!(v.as_object().map(|o| o.len()), Some(2));
        let named = role_vars("prod", Some("production"));
        let bash = live_export_lines(url, &token, None, &named, Shell::Bash).unwrap();
        assert!(
            bash.expose().ends_with(
                "export ROLETRAY_ROLE='prod'\nexport ROLETRAY_ENVIRONMENT='production'\n"
            )
        );
        let cmd = live_export_lines(url, &token, None, &[], Shell::Cmd).unwrap();
        assert!(cmd.expose().starts_with("set \"AWS_PROFILE=\"\n"));
    }

    #[test]
    fn credential_process_output_is_version_1() {
        let v: serde_json::Value =
            serde_json::from_str(credential_process_json(&plain()).unwrap().expose()).unwrap();
        assert_eq!(v["Version"], 1);
        assert_eq!(v["AccessKeyId"], "ASIAEXAMPLE123");
        assert_eq!(v["Expiration"], "2026-11-25T08:00:00Z");
        assert_eq!(v["SessionToken"], "tok+en/==");
    }
}
