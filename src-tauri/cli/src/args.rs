//! The command line's grammar. Names here are a contract: scripts, the AWS
//! CLI's `credential_process` lines and the tests depend on them.

use clap::{Args, Parser, Subcommand};
use std::ffi::OsString;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "roletray",
    version,
    about = "Assume AWS IAM roles from the tray or the command line; keys stay in the keychain.",
    after_help = "With no subcommand, RoleTray starts in the tray."
)]
pub struct Cli {
    /// Start the tray app with its window open (a running RoleTray just shows its window).
    #[arg(long)]
    pub open_window: bool,
    /// Log what RoleTray does to stderr (-v: debug, -vv: trace; also RUST_LOG=debug). No secret is ever logged.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Manage sources: IAM users' long-lived keys (secrets go to the keychain).
    #[command(subcommand)]
    Source(SourceCommand),
    /// Manage IAM Identity Center (SSO) sources: sign in once, and their accounts' roles become roles.
    #[command(subcommand)]
    Sso(SsoCommand),
    /// Manage AWS Sign-In sources: sign in with your AWS console account (as `aws login`), no long-lived key at all.
    #[command(subcommand)]
    Signin(SigninCommand),
    /// Manage roles to assume.
    #[command(subcommand)]
    Role(RoleCommand),
    /// Import role profiles and long-lived keys from the AWS config and credentials files.
    Import(ImportArgs),
    /// Assume a role (or reuse its cached session) and show who you are and until when.
    Assume(AssumeArgs),
    /// Print ready-to-paste lines that set a role's credentials in a shell.
    Export(ExportArgs),
    /// Print a role's credentials as `credential_process` JSON (for ~/.aws/config).
    CredentialProcess(NameArg),
    /// Run a command with a role's credentials in its environment.
    Exec(ExecArgs),
    /// Write a role's session as a profile into the shared credentials file.
    WriteProfile(WriteProfileArgs),
    /// Put the AWS credentials file (or with --config, the config file) back as it was before RoleTray first changed it (kept in the keychain).
    RestoreCredentials(RestoreArgs),
    /// List live cached sessions.
    Sessions(JsonArg),
    /// Drop the cached session of a role (or the MFA session of a source).
    Forget(NameArg),
    /// Remove every secret RoleTray keeps in the keychain (keys, sign-ins, sessions, kept originals); the configuration stays. For an uninstall that leaves nothing behind.
    EraseKeychain(EraseArgs),
    /// Read or change settings.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Serve roles' credentials to the AWS SDKs and CLIs on 127.0.0.1, renewed before they expire.
    Serve(ServeArgs),
    /// Open the AWS Management Console as a role (or print its sign-in link).
    Console(ConsoleArgs),
    /// The network RoleTray uses: check the proxy, the CA certificates and each AWS endpoint; keep the proxy's password.
    #[command(subcommand)]
    Network(NetworkCommand),
    /// Pick a role in the terminal: type a few letters of its name, account, label or source; Enter prints its name (or its export lines).
    Pick(PickArgs),
    /// Open the running app's quick-switch palette (starting the app if needed): bind this where the desktop allows no global shortcut.
    Palette,
}

#[derive(Debug, Args)]
pub struct PickArgs {
    /// What to search for at first (several words narrow: "prd adm").
    pub query: Option<String>,
    /// Print the chosen role's export lines instead of its name: eval "$(roletray pick --export)".
    #[arg(long)]
    pub export: bool,
    /// With --export: bash, zsh, fish, powershell, cmd, dotenv or json (default: the default-shell setting).
    #[arg(long, requires = "export")]
    pub format: Option<String>,
    /// Print the matches in order instead of asking (no terminal needed).
    #[arg(long, conflicts_with = "export")]
    pub list: bool,
    /// With --list: how many matches (default 20).
    #[arg(long, requires = "list")]
    pub limit: Option<usize>,
    /// With --list: as JSON, one object a match.
    #[arg(long, requires = "list")]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum SourceCommand {
    /// Add a source; the secret key is read from stdin (one line) or a hidden prompt.
    Add(SourceAddArgs),
    /// List sources (never their secrets).
    List(JsonArg),
    /// Remove a source and its secret.
    Remove(NameArg),
    /// Ask IAM now about a source's key (age, last use) and its user's other key; all sources without NAME.
    Check(SourceCheckArgs),
    /// Replace a source's access key on AWS and in the keychain, proving the new key before retiring the old.
    Rotate(SourceRotateArgs),
    /// Change a source's MFA device, MFA code command or region, keeping its key.
    Set(SourceSetArgs),
}

#[derive(Debug, Args)]
pub struct SourceSetArgs {
    pub name: String,
    #[arg(long, conflicts_with = "no_mfa_serial")]
    pub mfa_serial: Option<String>,
    /// The source has no MFA device any more (and so no code command).
    #[arg(long)]
    pub no_mfa_serial: bool,
    /// A program that prints the MFA device's code, run without a shell (e.g. 'ykman oath accounts code --single aws-me').
    #[arg(long, conflicts_with = "no_mfa_command")]
    pub mfa_command: Option<String>,
    /// Ask for codes again instead of running a command.
    #[arg(long)]
    pub no_mfa_command: bool,
    #[arg(long, conflicts_with = "no_region")]
    pub region: Option<String>,
    #[arg(long)]
    pub no_region: bool,
}

#[derive(Debug, Args)]
pub struct SourceCheckArgs {
    pub name: Option<String>,
    #[arg(long)]
    pub json: bool,
    /// A code from the source's MFA device, when its IAM user's policy asks for MFA.
    #[arg(long)]
    pub mfa_code: Option<String>,
}

#[derive(Debug, Args)]
pub struct SourceRotateArgs {
    pub name: String,
    /// Stop at making the old key inactive (another machine still uses it).
    #[arg(long)]
    pub keep_old: bool,
    /// When the user already has a second, inactive key, delete it first (an active one never is).
    #[arg(long)]
    pub delete_inactive_other: bool,
    /// A code from the source's MFA device, when its IAM user's policy asks for MFA.
    #[arg(long)]
    pub mfa_code: Option<String>,
}

#[derive(Debug, Args)]
pub struct SourceAddArgs {
    pub name: String,
    #[arg(long)]
    pub access_key_id: String,
    #[arg(long)]
    pub mfa_serial: Option<String>,
    /// A program that prints the MFA device's code, run without a shell (e.g. 'ykman oath accounts code --single aws-me').
    #[arg(long, requires = "mfa_serial")]
    pub mfa_command: Option<String>,
    #[arg(long)]
    pub region: Option<String>,
    /// Replace a source of the same name (rotate its key).
    #[arg(long)]
    pub replace: bool,
}

#[derive(Debug, Subcommand)]
pub enum SsoCommand {
    /// Add an Identity Center source (as the AWS CLI's [sso-session NAME]).
    Add(SsoAddArgs),
    /// List Identity Center sources, whether signed in, and how many accounts and roles they list.
    List(JsonArg),
    /// Sign in in the browser (or with a device code), then list the accounts and roles.
    Login(SsoLoginArgs),
    /// Sign out: end the sign-in, remove its tokens from the keychain, forget its roles' sessions.
    Logout(NameArg),
    /// List the accounts and roles again (signed in already).
    Refresh(NameArg),
    /// Print the accounts and roles a source lists (from its cached list).
    Roles(SsoRolesArgs),
    /// Mark an Identity Center role (SSO/ACCOUNT_ID/ROLE_NAME) a favourite, or not (--off).
    Favourite(SsoFavouriteArgs),
    /// Sign out and remove an Identity Center source.
    Remove(NameArg),
}

#[derive(Debug, Args)]
pub struct SsoAddArgs {
    pub name: String,
    /// The AWS access portal URL, such as https://d-1234567890.awsapps.com/start.
    #[arg(long)]
    pub start_url: String,
    /// The region Identity Center runs in.
    #[arg(long)]
    pub region: String,
    /// A registration scope (repeat for more; default sso:account:access).
    #[arg(long = "scope")]
    pub scopes: Vec<String>,
    /// Replace a source of the same name (a new start URL or region signs it out).
    #[arg(long)]
    pub replace: bool,
}

#[derive(Debug, Args)]
pub struct SsoLoginArgs {
    pub name: String,
    /// Sign in with a code shown here, confirmed on a page (for a machine without a browser).
    #[arg(long)]
    pub use_device_code: bool,
    /// Do not open a browser: print the link to open (implies the device code).
    #[arg(long)]
    pub no_browser: bool,
}

#[derive(Debug, Args)]
pub struct SsoRolesArgs {
    pub name: String,
    /// Machine-readable output (documented in docs/cli.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SsoFavouriteArgs {
    /// The role, as SSO/ACCOUNT_ID/ROLE_NAME.
    pub role: String,
    /// Stop showing it first.
    #[arg(long)]
    pub off: bool,
}

#[derive(Debug, Subcommand)]
pub enum SigninCommand {
    /// Add an AWS Sign-In source; its name is also the signed-in identity's, usable as a role's.
    Add(SigninAddArgs),
    /// Sign in with the browser on this machine (or --remote: a code from a page opened anywhere).
    Login(SigninLoginArgs),
    /// Sign out: the sign-in's key and refresh token leave the keychain.
    Logout(NameArg),
    /// List sign-in sources and who each is signed in as.
    List(JsonArg),
    /// Sign out and remove a sign-in source.
    Remove(NameArg),
}

#[derive(Debug, Args)]
pub struct SigninAddArgs {
    pub name: String,
    /// The region to sign in to (and the identity's sessions are exported with).
    #[arg(long)]
    pub region: String,
    /// Replace a sign-in source of the same name (another region signs it out).
    #[arg(long)]
    pub replace: bool,
}

#[derive(Debug, Args)]
pub struct SigninLoginArgs {
    pub name: String,
    /// No browser on this machine: open the link anywhere and paste the code the page shows.
    #[arg(long)]
    pub remote: bool,
}

#[derive(Debug, Subcommand)]
pub enum RoleCommand {
    /// Add a role.
    Add(Box<RoleAddArgs>),
    /// List roles.
    List(JsonArg),
    /// Remove a role and its cached session.
    Remove(NameArg),
}

#[derive(Debug, Args)]
pub struct RoleAddArgs {
    pub name: String,
    #[arg(long)]
    pub role_arn: String,
    /// The source whose keys assume this role.
    #[arg(long, conflicts_with = "via", required_unless_present = "via")]
    pub source: Option<String>,
    /// The role whose session assumes this role (role chaining).
    #[arg(long)]
    pub via: Option<String>,
    #[arg(long)]
    pub external_id: Option<String>,
    #[arg(long)]
    pub session_name: Option<String>,
    /// Session length in seconds (900-43200; chained roles are capped at 3600).
    #[arg(long = "duration")]
    pub duration: Option<u32>,
    #[arg(long)]
    pub mfa_serial: Option<String>,
    /// A program that prints the code of the role's own MFA device, run without a shell.
    #[arg(long, requires = "mfa_serial")]
    pub mfa_command: Option<String>,
    #[arg(long)]
    pub region: Option<String>,
    /// Show this role first in menus.
    #[arg(long)]
    pub favourite: bool,
    /// An environment label (production, staging, development, or any short text), shown wherever the role is.
    #[arg(long)]
    pub environment: Option<String>,
    /// The colour the role shows in: red, orange, yellow, green, blue, purple or grey (default: its label's).
    #[arg(long)]
    pub colour: Option<String>,
    /// Ask before assuming it from the tray or the window (the default for production).
    #[arg(long, conflicts_with = "no_confirm")]
    pub confirm: bool,
    /// Never ask before assuming it, even when labelled production.
    #[arg(long)]
    pub no_confirm: bool,
    /// Replace a role of the same name.
    #[arg(long)]
    pub replace: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The AWS config file (default: AWS_CONFIG_FILE, else ~/.aws/config).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// The shared credentials file (default: AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials).
    #[arg(long)]
    pub credentials: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
    /// Then remove the imported long-lived keys from the credentials file (each once confirmed in the keychain), and take over the AWS CLI's `aws login` sessions: into the keychain, their cache files deleted, their profiles run `roletray credential-process NAME`. The files' originals are kept in the keychain (restore-credentials [--config]).
    #[arg(long)]
    pub remove_keys: bool,
}

#[derive(Debug, Args)]
pub struct NameArg {
    pub name: String,
}

#[derive(Debug, Args)]
pub struct EraseArgs {
    /// Yes, remove them: the keys cannot be read back from AWS.
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct JsonArg {
    /// Machine-readable output (documented in docs/cli.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct MfaArg {
    /// The current code of the MFA device, when the role needs one.
    #[arg(long)]
    pub mfa_code: Option<String>,
}

#[derive(Debug, Args)]
pub struct AssumeArgs {
    pub name: String,
    #[command(flatten)]
    pub mfa: MfaArg,
    /// Assume again even if a cached session is still valid.
    #[arg(long)]
    pub renew: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    pub name: String,
    /// bash, zsh, fish, powershell, cmd, dotenv or json (default: the default-shell setting).
    #[arg(long)]
    pub format: Option<String>,
    #[command(flatten)]
    pub mfa: MfaArg,
    /// Point at the running credential endpoint (`roletray serve`) instead of
    /// printing keys: the SDKs then fetch fresh credentials themselves.
    #[arg(long, conflicts_with = "mfa_code")]
    pub live: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The port on 127.0.0.1 (default: any free port).
    #[arg(long)]
    pub port: Option<u16>,
    /// Do not serve: tell the running endpoint (this command's or the tray app's) to void every token it handed out.
    #[arg(long, conflicts_with = "port")]
    pub rotate: bool,
}

#[derive(Debug, Args)]
pub struct ConsoleArgs {
    pub name: String,
    /// Print the sign-in link instead of opening a browser (it signs in whoever opens it).
    #[arg(long)]
    pub print: bool,
    /// Console session length in seconds, 900-43200 (default: the role's session duration).
    #[arg(long)]
    pub duration: Option<u32>,
    /// Where to land: an https URL or a console path such as /s3/home.
    #[arg(long)]
    pub destination: Option<String>,
    #[command(flatten)]
    pub mfa: MfaArg,
}

#[derive(Debug, Args)]
pub struct ExecArgs {
    pub name: String,
    #[command(flatten)]
    pub mfa: MfaArg,
    /// The command and its arguments, after `--`.
    #[arg(last = true, required = true)]
    pub command: Vec<OsString>,
}

#[derive(Debug, Args)]
pub struct WriteProfileArgs {
    pub name: String,
    /// The profile to write (default: the role's name).
    #[arg(long)]
    pub profile: Option<String>,
    /// Overwrite the profile even when it holds long-lived keys (an access key with no session token).
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub mfa: MfaArg,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// Print what would be restored (the file and its size) and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Restore the AWS config file instead (changed when `import --remove-keys` took over an `aws login` profile).
    #[arg(long)]
    pub config: bool,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print a setting, or every setting when no key is given.
    Get { key: Option<String> },
    /// Change a setting.
    Set { key: String, value: String },
}

#[derive(Debug, Subcommand)]
pub enum NetworkCommand {
    /// Print the proxy, bypass list and CA files RoleTray would use and where each came from, then reach each AWS endpoint it uses (no credentials sent) and say which fail and why. Exits 1 when one fails.
    Check(JsonArg),
    /// Keep the password of the proxy set with `config set proxy http://USER@HOST:PORT` in the keychain (read from a hidden prompt or one line of stdin).
    Password(ProxyPasswordArgs),
}

#[derive(Debug, Args)]
pub struct ProxyPasswordArgs {
    /// Remove the kept password instead.
    #[arg(long)]
    pub clear: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_grammar_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn a_role_needs_source_or_via_but_not_both() {
        let base = ["roletray", "role", "add", "r", "--role-arn", "arn"];
        assert!(Cli::try_parse_from(base).is_err());
        let both = [&base[..], &["--source", "s", "--via", "v"]].concat();
        assert!(Cli::try_parse_from(both).is_err());
        let ok = [&base[..], &["--via", "v"]].concat();
        assert!(Cli::try_parse_from(ok).is_ok());
    }

    #[test]
    fn live_export_takes_no_mfa_code() {
        let live = ["roletray", "export", "dev", "--live"];
        assert!(Cli::try_parse_from(live).is_ok());
        let both = [&live[..], &["--mfa-code", "123456"]].concat();
        assert!(Cli::try_parse_from(both).is_err());
    }

    #[test]
    fn exec_takes_everything_after_the_double_dash() {
        let cli = Cli::try_parse_from(["roletray", "exec", "dev", "--", "aws", "--version"])
            .unwrap_or_else(|e| panic!("{e}"));
        match cli.command {
            Some(Command::Exec(a)) => assert_eq!(a.command, ["aws", "--version"]),
            other => panic!("{other:?}"),
        }
    }
}
