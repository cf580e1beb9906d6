//! What a desktop's proxy setting says, and what its readers share.

/// What the desktop's proxy setting says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SystemProxy {
    /// No proxy, or no setting could be read.
    #[default]
    Direct,
    /// Proxies given by hand. Each is `host:port` or a URL, as configured.
    Manual {
        https: Option<String>,
        http: Option<String>,
        /// Hosts that go direct, as the desktop writes them.
        bypass: Vec<String>,
        /// Where it was read ("GNOME's proxy settings").
        from: &'static str,
    },
    /// A proxy auto-config script at `url`.
    AutoConfig { url: String, from: &'static str },
    /// Automatic discovery (WPAD) with no script named.
    Discover { from: &'static str },
}

/// What `program args` printed, when it ran and succeeded.
#[cfg_attr(windows, allow(dead_code))]
pub(super) fn output_of(program: &std::path::Path, args: &[&str]) -> Option<String> {
    let out = std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `host` and `port` as one address, or nothing when the host is empty or
/// the port is not one.
pub(super) fn host_port(host: &str, port: &str) -> Option<String> {
    let host = host.trim();
    let port: u16 = port.trim().parse().ok().filter(|p| *p > 0)?;
    (!host.is_empty()).then(|| format!("{host}:{port}"))
}
