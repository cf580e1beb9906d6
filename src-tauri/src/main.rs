//! `roletray`: with no arguments, the tray app; with a subcommand, the CLI.

fn main() -> std::process::ExitCode {
    roletray::cli::main()
}
