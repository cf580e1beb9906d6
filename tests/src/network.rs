//! [`NetworkLab`]: a corporate network on loopback for one world, to test
//! RoleTray's HTTP client against real proxies and a private CA.
//!
//! - A private CA and a server certificate made at start
//!   (`tests/fixtures/lab_certs.py`), valid for `*.roletray.test` (the names
//!   `sts`, `iam`, `oidc`, `portal`, `signin`, `federation` spelled out),
//!   `localhost` and 127.0.0.1.
//! - A TLS front (`tests/fixtures/tls_front.py`): one port serving TLS with
//!   that certificate and forwarding each connection, by SNI host name, to a
//!   plain-HTTP backend (`sts` and `iam`: the world's moto).
//! - A CONNECT proxy, proxy.py (`tests/fixtures/connect_proxy_plugin.py`),
//!   optionally demanding Basic auth.
//! - Optionally a TLS-inspecting proxy with its own CA, mitmproxy
//!   (`tests/fixtures/inspecting_proxy_addon.py`, in `.venv-mitm`).
//! - GNOME's proxy settings in a private dconf on the world's bus
//!   (`network/gnome.rs`).
//!
//! The made-up names resolve only inside the proxies (each maps
//! `*.roletray.test` to 127.0.0.1 itself), so a client reaches them only
//! through a proxy; the proxies connect from addresses of their own
//! (127.0.0.2, 127.0.0.3), so the front tells which way each connection
//! came ([`FrontConnection::via`]). Everything runs in the world's
//! environment, logs to its logs dir and is killed when the lab is dropped.

mod gnome;
mod spawn;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::http::percent_encode;
use crate::process::run_command;
use crate::world::World;
use spawn::{Started, spawn_front, spawn_mitm, spawn_proxy, wait_port};

/// The made-up domain of the lab's host names.
pub const LAB_DOMAIN: &str = "roletray.test";
/// The address the CONNECT proxy connects upstream from.
const PROXY_SOURCE: &str = "127.0.0.2";
/// The address the TLS-inspecting proxy connects upstream from.
const MITM_SOURCE: &str = "127.0.0.3";

/// `sts` → `sts.roletray.test`; a name with a dot, `localhost` and `*` (the
/// front's route for anything else) stay as they are.
pub fn lab_host(name: &str) -> String {
    if name.contains('.') || name == "localhost" || name == "*" {
        name.to_owned()
    } else {
        format!("{name}.{LAB_DOMAIN}")
    }
}

/// What a lab starts besides its front and CONNECT proxy.
#[derive(Clone, Debug, Default)]
pub struct LabOptions {
    routes: Vec<(String, String)>,
    proxy_auth: Option<(String, String)>,
    inspecting_proxy: bool,
}

impl LabOptions {
    /// The front forwards `host` (`oidc`, or a full name) to `backend`
    /// (`http://127.0.0.1:PORT`, a path after it is ignored). `sts` and
    /// `iam` go to the world's moto unless routed here.
    pub fn route(mut self, host: &str, backend: &str) -> Self {
        self.routes.push((lab_host(host), backend_addr(backend)));
        self
    }

    /// The CONNECT proxy answers 407 unless given these Basic credentials.
    pub fn proxy_auth(mut self, user: &str, password: &str) -> Self {
        self.proxy_auth = Some((user.to_owned(), password.to_owned()));
        self
    }

    /// Also start mitmproxy (about half a second more).
    pub fn inspecting_proxy(mut self) -> Self {
        self.inspecting_proxy = true;
        self
    }
}

/// `http://127.0.0.1:PORT/path` → `127.0.0.1:PORT`.
fn backend_addr(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split('/').next().unwrap_or(rest).to_owned()
}

/// Which way a connection reached the TLS front.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    ConnectProxy,
    InspectingProxy,
    /// From any other address: not through a lab proxy.
    Direct,
    /// Refused in the handshake (no route for its name): peer unknown.
    Unknown,
}

/// One connection the TLS front accepted or refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontConnection {
    /// The SNI host name, `-` when the client sent none.
    pub host: String,
    pub via: Via,
    /// `127.0.0.1:PORT`, `None` when refused.
    pub backend: Option<String>,
}

/// One world's lab; dropping it kills its processes.
pub struct NetworkLab {
    dir: PathBuf,
    routes: BTreeMap<String, String>,
    proxy_auth: Option<(String, String)>,
    front: Started,
    proxy: Started,
    mitm: Option<Started>,
    dconf: gnome::Dconf,
    started_in: Duration,
}

impl NetworkLab {
    /// Makes the certificates, starts the TLS front, the CONNECT proxy,
    /// mitmproxy when asked and dconf, and waits until each listens.
    pub fn start(world: &World, options: LabOptions) -> NetworkLab {
        let started = Instant::now();
        let hosts = fs::read_to_string("/etc/hosts").unwrap_or_default();
        assert!(
            !hosts.contains(LAB_DOMAIN),
            "/etc/hosts names {LAB_DOMAIN}: the lab's names must resolve only in its proxies"
        );
        let dir = world.root().join("network-lab");
        fs::create_dir_all(&dir).expect("creating the lab's dir");
        let mut certs = world.command(crate::venv_dir().join("bin/python"));
        certs
            .arg(crate::fixtures_dir().join("lab_certs.py"))
            .arg(&dir);
        let out = run_command(certs, None);
        assert!(out.success(), "lab_certs.py: {}", out.stderr);

        let moto = backend_addr(&world.moto.endpoint);
        let mut routes = BTreeMap::from([(lab_host("sts"), moto.clone()), (lab_host("iam"), moto)]);
        routes.extend(options.routes);
        write_routes(&dir, &routes);

        // All three start at once; each is waited for below.
        let front = spawn_front(world, &dir);
        let proxy = spawn_proxy(world, &dir, options.proxy_auth.as_ref());
        let mitm = options.inspecting_proxy.then(|| spawn_mitm(world, &dir));
        let dconf = gnome::Dconf::start(world);
        let front = wait_port(front, &dir.join("tls-front.port"));
        let proxy = wait_port(proxy, &dir.join("connect-proxy.port"));
        let mitm = mitm.map(|m| wait_port(m, &dir.join("mitmproxy.port")));
        NetworkLab {
            dir,
            routes,
            proxy_auth: options.proxy_auth,
            front,
            proxy,
            mitm,
            dconf,
            started_in: started.elapsed(),
        }
    }

    /// How long [`NetworkLab::start`] took.
    pub fn started_in(&self) -> Duration {
        self.started_in
    }

    /// The lab CA's certificate (PEM): what `AWS_CA_BUNDLE` names.
    pub fn ca_file(&self) -> PathBuf {
        self.dir.join("ca.pem")
    }

    /// The TLS front's port.
    pub fn front_port(&self) -> u16 {
        self.front.port
    }

    /// `https://HOST.roletray.test:PORT` (`host`: `sts`, or a full name).
    pub fn https_url(&self, host: &str) -> String {
        format!("https://{}:{}", lab_host(host), self.front.port)
    }

    /// Routes `host` to `backend` from the next connection on (see
    /// [`LabOptions::route`]).
    pub fn route(&mut self, host: &str, backend: &str) {
        self.routes.insert(lab_host(host), backend_addr(backend));
        write_routes(&self.dir, &self.routes);
    }

    /// Every connection the TLS front saw, in order.
    pub fn front_connections(&self) -> Vec<FrontConnection> {
        log_lines(&self.dir.join("tls-front.log"))
            .iter()
            .filter_map(|line| {
                let mut fields = line.split(' ');
                let (peer, host, backend) = (fields.next()?, fields.next()?, fields.next()?);
                let via = match peer {
                    PROXY_SOURCE => Via::ConnectProxy,
                    MITM_SOURCE => Via::InspectingProxy,
                    "-" => Via::Unknown,
                    _ => Via::Direct,
                };
                Some(FrontConnection {
                    host: host.to_owned(),
                    via,
                    backend: (backend != "refused").then(|| backend.to_owned()),
                })
            })
            .collect()
    }

    /// `http://127.0.0.1:PORT`: the CONNECT proxy, no credentials in it.
    pub fn proxy_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.proxy.port)
    }

    pub fn proxy_port(&self) -> u16 {
        self.proxy.port
    }

    /// The Basic credentials the CONNECT proxy demands, if any.
    pub fn proxy_credentials(&self) -> Option<(&str, &str)> {
        self.proxy_auth
            .as_ref()
            .map(|(u, p)| (u.as_str(), p.as_str()))
    }

    /// `http://USER:PASSWORD@127.0.0.1:PORT` (percent-encoded); panics when
    /// the proxy has no credentials.
    pub fn proxy_url_with_credentials(&self) -> String {
        let (user, password) = self
            .proxy_credentials()
            .expect("the proxy has no credentials");
        format!(
            "http://{}:{}@127.0.0.1:{}",
            percent_encode(user),
            percent_encode(password),
            self.proxy.port
        )
    }

    /// The host of every CONNECT the proxy let through (407s are not), in
    /// order: `sts.roletray.test`.
    pub fn connects(&self) -> Vec<String> {
        connect_hosts(&log_lines(&self.dir.join("connect-proxy.log")))
    }

    /// Every request the proxy let through: `CONNECT host:port`, or
    /// `GET host:port` for a plain-HTTP request in absolute form.
    pub fn proxy_requests(&self) -> Vec<String> {
        log_lines(&self.dir.join("connect-proxy.log"))
    }

    fn mitm(&self) -> &Started {
        self.mitm
            .as_ref()
            .expect("no inspecting proxy: start the lab with LabOptions::inspecting_proxy()")
    }

    /// `http://127.0.0.1:PORT`: mitmproxy.
    pub fn mitm_proxy_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.mitm().port)
    }

    /// mitmproxy's CA certificate (PEM), made at its start in the lab's dir.
    pub fn mitm_ca_file(&self) -> PathBuf {
        let _ = self.mitm();
        self.dir.join("mitmproxy/mitmproxy-ca-cert.pem")
    }

    /// The host of every CONNECT mitmproxy received, in order.
    pub fn mitm_connects(&self) -> Vec<String> {
        connect_hosts(&log_lines(&self.dir.join("mitmproxy.log")))
    }

    /// `METHOD URL` of every request mitmproxy read inside a tunnel (or in
    /// plain HTTP): `POST https://sts.roletray.test:PORT/`.
    pub fn mitm_requests(&self) -> Vec<String> {
        log_lines(&self.dir.join("mitmproxy.log"))
            .iter()
            .filter_map(|line| line.strip_prefix("REQUEST "))
            .map(str::to_owned)
            .collect()
    }

    /// Sets GNOME's proxy settings in the world's private dconf:
    /// `org.gnome.system.proxy` `mode` (`none`, `manual`, `auto`) and
    /// `ignore-hosts`, and `org.gnome.system.proxy.https` `host` and `port`;
    /// reads each back (a fresh `gsettings` process) and panics unless it
    /// is what was set.
    pub fn set_gnome_proxy(
        &self,
        world: &World,
        mode: &str,
        host: &str,
        port: u16,
        ignore_hosts: &[&str],
    ) {
        let (proxy, https) = ("org.gnome.system.proxy", "org.gnome.system.proxy.https");
        self.dconf.set(world, proxy, "mode", &gnome::quote(mode));
        self.dconf.set(world, https, "host", &gnome::quote(host));
        self.dconf.set(world, https, "port", &port.to_string());
        let ignore = gnome::string_list(ignore_hosts);
        self.dconf.set(world, proxy, "ignore-hosts", &ignore);
    }

    /// `gsettings set SCHEMA KEY VALUE` (`value` in GVariant text:
    /// `'manual'`, `3128`, `['localhost']`) in the world's private dconf,
    /// read back and checked.
    pub fn set_gnome_setting(&self, world: &World, schema: &str, key: &str, value: &str) {
        self.dconf.set(world, schema, key, value);
    }

    /// `gsettings get SCHEMA KEY` in the world: `'manual'`, `3128`.
    pub fn gnome_setting(&self, world: &World, schema: &str, key: &str) -> String {
        gnome::get(world, schema, key)
    }

    /// The world's dconf database, where the settings land.
    pub fn dconf_file(world: &World) -> PathBuf {
        world.config_dir.join("dconf/user")
    }

    fn log_tails(&self) {
        let mut services = vec![&self.front.service, &self.proxy.service];
        services.extend(self.mitm.as_ref().map(|m| &m.service));
        for service in services {
            let log = service.log_text();
            let tail: Vec<&str> = log.lines().rev().take(20).collect();
            eprintln!("--- last lines of {}:", service.log.display());
            for line in tail.iter().rev() {
                eprintln!("{line}");
            }
        }
    }
}

impl Drop for NetworkLab {
    fn drop(&mut self) {
        // The services themselves are killed as their fields drop.
        if std::thread::panicking() {
            self.log_tails();
        }
    }
}

fn write_routes(dir: &Path, routes: &BTreeMap<String, String>) {
    let json = serde_json::to_string_pretty(routes).expect("routes as JSON");
    let tmp = dir.join("routes.json.tmp");
    fs::write(&tmp, json).expect("writing the front's routes");
    fs::rename(&tmp, dir.join("routes.json")).expect("replacing the front's routes");
}

fn log_lines(path: &Path) -> Vec<String> {
    fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .collect()
}

/// The hosts of the `CONNECT host:port` lines.
fn connect_hosts(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .filter_map(|line| line.strip_prefix("CONNECT "))
        .map(|target| target.rsplit_once(':').map_or(target, |(host, _)| host))
        .map(str::to_owned)
        .collect()
}
