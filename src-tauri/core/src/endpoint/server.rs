//! The HTTP side of the endpoint: a hyper server on 127.0.0.1 that checks
//! each request, routes `GET /roles/NAME`, and answers from a
//! [`SessionManager`] built per request over the configuration as it is now.

use super::announcement;
use super::deps::{Deps, RequestLog, RequestRecord};
use super::routes::{ROTATE_PATH, role_of, role_path};
use super::{guard, response};
use crate::config::Config;
use crate::credentials::Session;
use crate::error::{Error, Result};
use crate::secret::Sensitive;
use crate::sessions::{MfaPrompt, SessionManager};
use hyper::body::Incoming;
use hyper::http::request::Parts;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::convert::Infallible;
use std::future::Future;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::sync::Arc;
use std::time::Duration;

/// How long a client may take to send its request headers.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long requests under way may finish once shutdown is asked for.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// A bound, not yet serving, endpoint with its secret for this run.
pub struct Endpoint {
    listener: TcpListener,
    addr: SocketAddr,
    secret: Sensitive<String>,
    log: RequestLog,
}

impl std::fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Endpoint")
            .field("addr", &self.addr)
            .field("secret", &self.secret)
            .finish()
    }
}

impl Endpoint {
    /// Listens on 127.0.0.1 (never another interface) at `port`, or a free
    /// port for `None` or 0, and draws a fresh random secret for this run.
    pub fn bind(port: Option<u16>) -> Result<Endpoint> {
        let port = port.unwrap_or(0);
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AddrInUse {
                Error::InUse(format!("port {port} on 127.0.0.1 is already in use"))
            } else {
                Error::io(format!("cannot listen on 127.0.0.1:{port}"), e)
            }
        })?;
        let addr = listener
            .local_addr()
            .map_err(|e| Error::io("cannot read the endpoint's address", e))?;
        listener
            .set_nonblocking(true)
            .map_err(|e| Error::io("cannot set up the endpoint's socket", e))?;
        Ok(Endpoint {
            listener,
            addr,
            secret: guard::new_secret()?,
            log: Arc::new(|r| eprintln!("roletray endpoint: {r}")),
        })
    }

    /// Sends the request log somewhere else than stderr.
    pub fn with_log(mut self, log: impl Fn(&RequestRecord) + Send + Sync + 'static) -> Endpoint {
        self.log = Arc::new(log);
        self
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `http://127.0.0.1:PORT/roles/ROLE`: the value of
    /// `AWS_CONTAINER_CREDENTIALS_FULL_URI` for `role`.
    pub fn role_url(&self, role: &str) -> String {
        format!("{}{}", self.url(), role_path(role))
    }

    /// The value of `AWS_CONTAINER_AUTHORIZATION_TOKEN` for a role: it opens
    /// this role only, while it is the same role, for this run only, until
    /// the grant expires.
    pub fn role_token(&self, grant: guard::Grant<'_>) -> Result<Sensitive<String>> {
        guard::issue(&self.secret, grant)
    }

    /// The run's secret, from which every role's token is made.
    pub(super) fn secret(&self) -> &Sensitive<String> {
        &self.secret
    }

    /// Serves until `shutdown` resolves, then lets requests under way finish
    /// (a few seconds at most). `mfa` is asked when a role needs a code and
    /// no MFA session is cached; a prompt that never asks (`NoPrompt`)
    /// makes such requests `mfa_required` errors.
    pub async fn serve(
        self,
        deps: Deps,
        mfa: Arc<dyn MfaPrompt>,
        shutdown: impl Future<Output = ()> + Send,
    ) -> Result<()> {
        let listener = tokio::net::TcpListener::from_std(self.listener)
            .map_err(|e| Error::io("cannot serve on the endpoint's socket", e))?;
        let state = Arc::new(State {
            port: self.addr.port(),
            secret: std::sync::RwLock::new(self.secret),
            deps,
            mfa,
            log: self.log,
        });
        let graceful = GracefulShutdown::new();
        let mut shutdown = std::pin::pin!(shutdown);
        loop {
            tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok((stream, _peer)) => {
                        let state = state.clone();
                        let service = service_fn(move |req| {
                            let state = state.clone();
                            async move { Ok::<_, Infallible>(state.handle(req).await) }
                        });
                        let conn = http1::Builder::new()
                            .timer(TokioTimer::new())
                            .header_read_timeout(HEADER_TIMEOUT)
                            .serve_connection(TokioIo::new(stream), service);
                        let conn = graceful.watch(conn);
                        tokio::spawn(async move {
                            // A client that hangs up or sends garbage only
                            // ends its own connection.
                            conn.await.ok();
                        });
                    }
                    // Out of file descriptors and the like: wait, go on.
                    Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
                },
                () = &mut shutdown => break,
            }
        }
        drop(listener);
        // Past the grace period, connections still open are dropped with the runtime.
        tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown())
            .await
            .ok();
        Ok(())
    }
}

struct State {
    port: u16,
    /// The run's secret; `POST /rotate` replaces it (every token goes void).
    secret: std::sync::RwLock<Sensitive<String>>,
    deps: Deps,
    mfa: Arc<dyn MfaPrompt>,
    log: RequestLog,
}

impl State {
    async fn handle(&self, req: Request<Incoming>) -> Response<response::Body> {
        // The body is never read: GET requests have none worth reading.
        let (req, _body) = req.into_parts();
        let (response, role) = self.respond(&req).await;
        (self.log)(&RequestRecord {
            method: req.method.to_string(),
            path: req.uri.path().to_owned(),
            status: response.status().as_u16(),
            role,
        });
        response
    }

    async fn respond(&self, req: &Parts) -> (Response<response::Body>, Option<String>) {
        let given = match guard::check(&req.headers, self.port) {
            Ok(given) => given,
            Err(refusal) => return (response::refused(refusal), None),
        };
        if req.uri.path() == ROTATE_PATH {
            return (self.rotate(req, given.as_bytes()), None);
        }
        let Some(role) = role_of(req.uri.path()) else {
            let answer = response::error(
                StatusCode::NOT_FOUND,
                "not_found",
                "this endpoint serves GET /roles/NAME only",
            );
            return (answer, None);
        };
        // The configuration as it is now: a token opens its role only while
        // the role is the same role. An unknown role is a wrong token (no
        // answer tells a caller without a token which roles exist).
        let config = match self.config().await {
            Ok(config) => config,
            Err(e) => return (response::failed(&e), None),
        };
        let Ok(identity) = config.identity(&role) else {
            return (response::refused(guard::Refusal::WrongToken), None);
        };
        let now = self.deps.clock.now().unix_timestamp();
        if let Err(refusal) = guard::verify(&self.secret(), &role, &identity, now, given.as_bytes())
        {
            return (response::refused(refusal), None);
        }
        if req.method != Method::GET {
            let answer = response::error(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "use GET",
            );
            return (answer, Some(role));
        }
        let answer = match self.session(config, &role).await {
            Ok(session) => response::credentials(&session),
            Err(e) => response::failed(&e),
        };
        (answer, Some(role))
    }

    fn secret(&self) -> Sensitive<String> {
        self.secret
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// `POST /rotate`, with the run's rotation token (which only the holder
    /// of `endpoint.json` can make): a new secret for the run, so every token
    /// handed out so far is void, and the endpoint file says the new one.
    fn rotate(&self, req: &Parts, given: &[u8]) -> Response<response::Body> {
        if req.method != Method::POST {
            return response::error(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "use POST",
            );
        }
        let valid = guard::rotation_token(&self.secret())
            .is_ok_and(|want| guard::token_matches(given, &want));
        if !valid {
            return response::refused(guard::Refusal::WrongToken);
        }
        let fresh = match guard::new_secret() {
            Ok(fresh) => fresh,
            Err(e) => return response::failed(&e),
        };
        let url = format!("http://127.0.0.1:{}", self.port);
        if let Err(e) = announcement::rewrite(&self.deps.paths, &url, &fresh) {
            return response::failed(&e);
        }
        *self.secret.write().unwrap_or_else(|p| p.into_inner()) = fresh;
        response::json_ok(r#"{"rotated":true}"#)
    }

    async fn config(&self) -> Result<Config> {
        let path = self.deps.paths.config_file.clone();
        tokio::task::spawn_blocking(move || Config::load(&path))
            .await
            .map_err(|e| Error::io("config task failed", std::io::Error::other(e)))?
    }

    /// The role's session from the shared cache, renewed when less than
    /// `min-ttl` remains, with the configuration as it is now.
    async fn session(&self, config: Config, role: &str) -> Result<Session> {
        let manager = SessionManager::new(
            Arc::new(config),
            self.deps.keychain.clone(),
            self.deps.sts.clone(),
            self.deps.clock.clone(),
            self.deps.paths.lock_dir.clone(),
        )
        .with_memory(self.deps.memory.clone());
        Ok(manager.session(role, self.mfa.as_ref()).await?.session)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::guard::Grant;
    use crate::keychain::Keychain;
    use crate::paths::Paths;
    use crate::sts::Sts;

    #[test]
    fn binds_loopback_only_with_a_fresh_secret() {
        let a = Endpoint::bind(None).unwrap();
        let b = Endpoint::bind(Some(0)).unwrap();
        assert_eq!(a.addr().ip(), std::net::IpAddr::from(Ipv4Addr::LOCALHOST));
        assert_ne!(a.addr().port(), 0);
        let grant = Grant {
            role: "dev",
            identity: "source me AKIA\nrole dev arn",
            expires: 10,
        };
        assert_ne!(a.role_token(grant).unwrap(), b.role_token(grant).unwrap());
        assert_eq!(
            a.role_url("dev"),
            format!("http://127.0.0.1:{}/roles/dev", a.addr().port())
        );
        assert!(!format!("{a:?}").contains(a.secret().expose().as_str()));
        let taken = Endpoint::bind(Some(a.addr().port())).unwrap_err();
        assert_eq!(taken.code(), "in_use");
    }

    fn issue(endpoint: &Endpoint, role: &str, identity: &str, expires: i64) -> String {
        let grant = Grant {
            role,
            identity,
            expires,
        };
        endpoint.role_token(grant).unwrap().expose().clone()
    }

    /// Sends one raw HTTP/1.1 request; returns the status and the body.
    async fn send(addr: SocketAddr, head: &str) -> (u16, String) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        stream.write_all(head.as_bytes()).await.unwrap();
        let mut raw = String::new();
        stream.read_to_string(&mut raw).await.unwrap();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap();
        let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        (status, body.to_owned())
    }

    // The whole request path in one process: checks, routing, tokens bound
    // to the role and its lifetime, the log, and a clean stop.
    #[tokio::test]
    async fn serves_checks_logs_and_stops() {
        let dir = tempfile::tempdir().unwrap();
        let config = "[sources.me]\naccess_key_id = \"AKIAIOSFODNN7EXAMPLE\"\n\n\
            [roles.dev]\nrole_arn = \"arn:aws:iam::123456789012:role/dev\"\nsource = \"me\"\n\n\
            [roles.ops]\nrole_arn = \"arn:aws:iam::123456789012:role/ops\"\nsource = \"me\"\n";
        std::fs::write(dir.path().join("config.toml"), config).unwrap();
        let parsed = Config::load(&dir.path().join("config.toml")).unwrap();
        let deps = Deps {
            paths: Paths {
                config_file: dir.path().join("config.toml"),
                lock_dir: dir.path().join("locks"),
                runtime_dir: dir.path().to_owned(),
                sso_cache_dir: dir.path().join("sso"),
                key_facts_file: dir.path().join("key-facts.json"),
            },
            keychain: Keychain::with_store(keyring_core::mock::Store::new().unwrap()),
            sts: Sts::shared(),
            clock: Arc::new(crate::clock::SystemClock),
            memory: crate::sessions::SessionMemory::default(),
        };
        let records = Arc::new(std::sync::Mutex::new(Vec::new()));
        let seen = records.clone();
        let endpoint = Endpoint::bind(None)
            .unwrap()
            .with_log(move |r| seen.lock().unwrap().push(r.clone()));
        let addr = endpoint.addr();
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let (dev_id, ops_id) = (
            parsed.identity("dev").unwrap(),
            parsed.identity("ops").unwrap(),
        );
        let token = issue(&endpoint, "dev", &dev_id, now + 600);
        let ops_token = issue(&endpoint, "ops", &ops_id, now + 600);
        let expired = issue(&endpoint, "dev", &dev_id, now - 1);
        let another_arn =
            "source me AKIAIOSFODNN7EXAMPLE\nrole dev arn:aws:iam::999999999999:role/dev";
        let other_dev = issue(&endpoint, "dev", another_arn, now + 600);
        let unknown = issue(&endpoint, "qa", &dev_id, now + 600);
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server =
            tokio::spawn(
                endpoint.serve(deps, Arc::new(crate::sessions::NoPrompt), async move {
                    stopped.await.ok();
                }),
            );
        let request = |path: &str, host: String, auth: Option<&str>| {
            let auth = auth
                .map(|t| format!("Authorization: {t}\r\n"))
                .unwrap_or_default();
            format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n{auth}Connection: close\r\n\r\n")
        };
        let host = format!("127.0.0.1:{}", addr.port());

        // A good token reaches the session manager (whose keychain here has
        // no secret for the source).
        let (status, body) = send(addr, &request("/roles/dev", host.clone(), Some(&token))).await;
        assert_eq!(status, 503, "{body}");
        assert!(body.contains(r#""code":"secret_missing""#), "{body}");
        let (status, body) = send(addr, &request("/roles/dev", host.clone(), Some(&expired))).await;
        assert_eq!(
            (status, body.contains("token_expired")),
            (403, true),
            "{body}"
        );
        // A token for a `dev` that was another role (another ARN) is no good.
        let (status, body) =
            send(addr, &request("/roles/dev", host.clone(), Some(&other_dev))).await;
        assert_eq!(
            (status, body.contains("wrong_token")),
            (403, true),
            "{body}"
        );
        // An unknown role is a wrong token: no oracle of which roles exist.
        let (status, body) = send(addr, &request("/roles/qa", host.clone(), Some(&unknown))).await;
        assert_eq!(
            (status, body.contains("wrong_token")),
            (403, true),
            "{body}"
        );
        let (status, body) = send(addr, &request("/roles/dev", host.clone(), None)).await;
        assert_eq!(
            (status, body.contains("missing_token")),
            (403, true),
            "{body}"
        );
        let (status, body) = send(addr, &request("/roles/dev", host.clone(), Some("x"))).await;
        assert_eq!(
            (status, body.contains("wrong_token")),
            (403, true),
            "{body}"
        );
        // Another role's token does not open this one.
        let (status, body) =
            send(addr, &request("/roles/dev", host.clone(), Some(&ops_token))).await;
        assert_eq!(
            (status, body.contains("wrong_token")),
            (403, true),
            "{body}"
        );
        let evil = format!("evil.example:{}", addr.port());
        let (status, body) = send(addr, &request("/roles/dev", evil, Some(&token))).await;
        assert_eq!(
            (status, body.contains("forbidden_host")),
            (403, true),
            "{body}"
        );
        let post = format!(
            "POST /roles/dev HTTP/1.1\r\nHost: {host}\r\nAuthorization: {token}\r\n\
             Content-Length: 0\r\nConnection: close\r\n\r\n"
        );
        assert_eq!(send(addr, &post).await.0, 405);
        assert_eq!(send(addr, &request("/", host, Some(&token))).await.0, 404);

        stop.send(()).unwrap();
        server.await.unwrap().unwrap();
        assert!(tokio::net::TcpStream::connect(addr).await.is_err());
        let records = records.lock().unwrap();
        let lines: Vec<String> = records.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "GET /roles/dev 503 role=dev",
                "GET /roles/dev 403 role=-",
                "GET /roles/dev 403 role=-",
                "GET /roles/qa 403 role=-",
                "GET /roles/dev 403 role=-",
                "GET /roles/dev 403 role=-",
                "GET /roles/dev 403 role=-",
                "GET /roles/dev 403 role=-",
                "POST /roles/dev 405 role=dev",
                "GET / 404 role=-",
            ]
        );
    }
}
