//! The network lab's processes: each spawned as a world's [`Service`]
//! (logging to the world's logs dir, killed when dropped), then waited for
//! until it wrote the port it listens on.

use std::fs;
use std::path::Path;

use super::{MITM_SOURCE, PROXY_SOURCE};
use crate::services::{Pipes, STARTUP_TIMEOUT, Service};
use crate::wait::poll;
use crate::world::World;

/// A listening lab process.
pub(super) struct Started {
    pub(super) service: Service,
    pub(super) port: u16,
}

/// `tls_front.py` with the lab's certificate and routes.
pub(super) fn spawn_front(world: &World, dir: &Path) -> Service {
    let mut cmd = world.command(crate::venv_dir().join("bin/python"));
    cmd.arg(crate::fixtures_dir().join("tls_front.py"))
        .arg("--cert")
        .arg(dir.join("server.pem"))
        .arg("--key")
        .arg(dir.join("server-key.pem"))
        .arg("--routes")
        .arg(dir.join("routes.json"))
        .arg("--port-file")
        .arg(dir.join("tls-front.port"))
        .arg("--log")
        .arg(dir.join("tls-front.log"));
    Service::spawn("tls-front", cmd, world.logs_dir(), Pipes::default())
}

/// proxy.py with the lab's plugin, one acceptor, Basic auth when given.
pub(super) fn spawn_proxy(world: &World, dir: &Path, auth: Option<&(String, String)>) -> Service {
    let mut cmd = world.command(crate::venv_dir().join("bin/proxy"));
    cmd.env("PYTHONPATH", crate::fixtures_dir())
        .env("ROLETRAY_LAB_PROXY_LOG", dir.join("connect-proxy.log"))
        .env("ROLETRAY_LAB_PROXY_SOURCE", PROXY_SOURCE)
        .args(["--hostname", "127.0.0.1", "--port", "0", "--port-file"])
        .arg(dir.join("connect-proxy.port"))
        .args(["--num-acceptors", "1", "--num-workers", "1"])
        .args(["--plugins", "connect_proxy_plugin.LabHosts", "--data-dir"])
        .arg(dir.join("proxy-py-data"));
    if let Some((user, password)) = auth {
        cmd.arg("--basic-auth").arg(format!("{user}:{password}"));
    }
    Service::spawn("connect-proxy", cmd, world.logs_dir(), Pipes::default())
}

/// mitmdump from `.venv-mitm` with the lab's addon, its confdir (and so
/// its CA) in the lab's dir, trusting the lab's CA upstream.
pub(super) fn spawn_mitm(world: &World, dir: &Path) -> Service {
    let mitmdump = crate::mitm_venv_dir().join("bin/mitmdump");
    assert!(
        mitmdump.exists(),
        "{} is missing: run scripts/setup-test-deps.sh (or set ROLETRAY_MITM_VENV)",
        mitmdump.display()
    );
    let mut cmd = world.command(mitmdump);
    cmd.env("ROLETRAY_LAB_MITM_LOG", dir.join("mitmproxy.log"))
        .env("ROLETRAY_LAB_MITM_PORT_FILE", dir.join("mitmproxy.port"))
        .env("ROLETRAY_LAB_MITM_SOURCE", MITM_SOURCE)
        .args(["--listen-host", "127.0.0.1", "--listen-port", "0"])
        .arg("--set")
        .arg(format!("confdir={}", dir.join("mitmproxy").display()))
        .arg("--set")
        .arg(format!(
            "ssl_verify_upstream_trusted_ca={}",
            dir.join("ca.pem").display()
        ))
        .args(["--set", "flow_detail=0", "-s"])
        .arg(crate::fixtures_dir().join("inspecting_proxy_addon.py"));
    Service::spawn("mitmproxy", cmd, world.logs_dir(), Pipes::default())
}

/// Waits until `service` wrote its port to `port_file`.
pub(super) fn wait_port(mut service: Service, port_file: &Path) -> Started {
    let what = format!("{} to listen", service.log.display());
    let port = poll(&what, STARTUP_TIMEOUT, || {
        if service.exited() {
            panic!("{what}: it exited\n{}", service.log_text());
        }
        let text = fs::read_to_string(port_file).unwrap_or_default();
        match text.lines().next().map(|l| l.trim().parse::<u16>()) {
            Some(Ok(port)) if port > 0 => Ok(port),
            _ => Err(format!("{} says {text:?}", port_file.display())),
        }
    });
    Started { service, port }
}
