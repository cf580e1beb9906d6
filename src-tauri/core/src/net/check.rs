//! `roletray network check` and the window's "Test connection": what the
//! client would use and where each part came from, then one request to each
//! AWS endpoint RoleTray uses, with no credentials, to see that the proxy
//! lets it through and the TLS handshake succeeds.

use super::client::current;
use super::diagnose::explain;
use crate::error::Error;
use serde::Serialize;
use std::time::Instant;

/// An endpoint to try.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// `AWS STS (us-east-1)`, `Identity Center portal (eu-west-1)`...
    pub what: String,
    pub url: String,
}

/// A setting and where it came from.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS), ts(export))]
pub struct Sourced {
    pub value: String,
    pub from: String,
}

/// A failure, as the page and `--json` show it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS), ts(export))]
pub struct Problem {
    pub code: String,
    pub message: String,
}

impl From<&Error> for Problem {
    fn from(e: &Error) -> Problem {
        Problem {
            code: e.code().to_owned(),
            message: e.to_string(),
        }
    }
}

/// One endpoint tried.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS), ts(export))]
pub struct Probe {
    pub what: String,
    pub url: String,
    /// The proxy the request went through (masked), if any.
    pub proxy: Option<String>,
    /// The HTTP status the endpoint answered (any answer means the way
    /// there works).
    pub status: Option<u16>,
    pub problem: Option<Problem>,
    pub millis: u32,
}

/// What `network check` found.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default)]
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS), ts(export))]
pub struct NetworkReport {
    pub https_proxy: Option<Sourced>,
    pub http_proxy: Option<Sourced>,
    /// The bypass rules (loopback is always among them).
    pub bypass: Vec<String>,
    pub bypass_from: Vec<String>,
    /// CA files added to the system's store.
    pub ca_files: Vec<Sourced>,
    pub notes: Vec<String>,
    /// Why no endpoint could be tried (a CA file or proxy variable that
    /// cannot be used).
    pub problem: Option<Problem>,
    pub probes: Vec<Probe>,
}

impl NetworkReport {
    /// Whether every endpoint answered.
    pub fn all_reached(&self) -> bool {
        self.problem.is_none() && self.probes.iter().all(|p| p.problem.is_none())
    }
}

/// Builds the report, trying `endpoints` at once.
pub async fn check(endpoints: Vec<Endpoint>) -> NetworkReport {
    let net = match current() {
        Ok(net) => net,
        Err(e) => {
            return NetworkReport {
                problem: Some(Problem::from(&e)),
                ..NetworkReport::default()
            };
        }
    };
    let sourced = |p: &Option<super::route::Proxy>| {
        p.as_ref().map(|p| Sourced {
            value: p.url.shown(),
            from: p.from.clone(),
        })
    };
    let mut report = NetworkReport {
        https_proxy: sourced(&net.route.https),
        http_proxy: sourced(&net.route.http),
        bypass: net.route.bypass.clone(),
        bypass_from: net.route.bypass_from.clone(),
        ca_files: net
            .ca_files
            .iter()
            .map(|f| Sourced {
                value: crate::platform::dirs::shown(&f.path).display().to_string(),
                from: f.from.clone(),
            })
            .collect(),
        notes: net.route.notes.clone(),
        problem: None,
        probes: Vec::new(),
    };
    let mut tries = tokio::task::JoinSet::new();
    for (i, endpoint) in endpoints.into_iter().enumerate() {
        let net = net.clone();
        tries.spawn(async move {
            let started = Instant::now();
            let proxy = net.proxy_for(&endpoint.url).map(|p| p.url.shown());
            let answer = net.send("GET", &endpoint.url, &[], None, 4096).await;
            let (status, problem) = match answer {
                Ok(a) if a.status == 407 && proxy.is_some() => {
                    let e = explain(&endpoint.url, "407 proxy authentication required");
                    (Some(a.status), e.as_ref().map(Problem::from))
                }
                Ok(a) => (Some(a.status), None),
                Err(chain) => {
                    let problem = match explain(&endpoint.url, &chain) {
                        Some(e) => Problem::from(&e),
                        None => Problem {
                            code: "unreachable".into(),
                            message: format!("cannot reach {}: {chain}", endpoint.url),
                        },
                    };
                    (None, Some(problem))
                }
            };
            let millis = u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX);
            (
                i,
                Probe {
                    what: endpoint.what,
                    url: endpoint.url,
                    proxy,
                    status,
                    problem,
                    millis,
                },
            )
        });
    }
    let mut probes: Vec<(usize, Probe)> = tries.join_all().await;
    probes.sort_by_key(|(i, _)| *i);
    report.probes = probes.into_iter().map(|(_, p)| p).collect();
    report
}
