//! The app's window under WebDriver: tauri-driver runs WebKitWebDriver, which
//! runs `roletray-app --open-window` with its webview under automation. A small
//! W3C WebDriver client (the few endpoints the tests use) over the harness's
//! HTTP client; elements are found by CSS selector each time, so a row the
//! page rebuilt is simply found again.

use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

use serde_json::{Value, json};

use crate::desktop::Desktop;
use crate::http;
use crate::services::{Pipes, STARTUP_TIMEOUT, Service};
use crate::wait::poll;
use crate::world::World;

/// How long a UI step may take to show its effect.
pub const UI_TIMEOUT: Duration = Duration::from_secs(20);

/// The W3C key of an element reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Errors worth another try: the page re-rendered, or a dialog was still opening.
const RETRYABLE: [&str; 4] = [
    "stale element reference",
    "no such element",
    "element not interactable",
    "element click intercepted",
];

/// A WebDriver error: its W3C `error` code and message.
#[derive(Debug)]
pub struct WebDriverError {
    pub error: String,
    pub message: String,
}

impl std::fmt::Display for WebDriverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.error, self.message)
    }
}

/// `roletray-app --open-window` under WebDriver. Dropping it ends the session
/// (which closes the app) and stops tauri-driver.
pub struct AppWindow {
    driver: Service,
    /// WebKitWebDriver, which tauri-driver started. The session is created
    /// through tauri-driver (it turns `tauri:options` into WebKitWebDriver's
    /// capabilities); later commands go straight to WebKitWebDriver, because
    /// tauri-driver's pooled proxy connection is now and then reset by it
    /// ("client error (SendRequest) ... Connection reset by peer"), which
    /// loses the command.
    native: SocketAddr,
    session: String,
}

fn two_free_ports() -> (u16, u16) {
    let bind = || TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("picking a free port");
    let (a, b) = (bind(), bind());
    let port = |l: &TcpListener| l.local_addr().expect("a bound port").port();
    (port(&a), port(&b))
}

impl AppWindow {
    /// Starts tauri-driver and a session running the roletray binary with
    /// `--open-window`; returns once the page shows its first snapshot.
    pub fn launch(world: &World, desktop: &Desktop) -> AppWindow {
        AppWindow::launch_with(world, desktop, &["--open-window"])
    }

    /// The same with the app's arguments `args`: with none, the session
    /// starts only if the app opens its window by itself (a first run, a
    /// desktop with no tray icons).
    pub fn launch_with(world: &World, desktop: &Desktop, args: &[&str]) -> AppWindow {
        let window = AppWindow::start_session(world, desktop, args);
        window.wait_until("the page to show its first snapshot", |w| {
            let text = w.text("#active-status-text");
            (!text.is_empty() && text != "Loading…")
                .then_some(())
                .ok_or(text)
        });
        window
    }

    /// The app started with `--open-palette`: a session on the palette,
    /// once it shows its first results.
    pub fn launch_palette(world: &World, desktop: &Desktop) -> AppWindow {
        let window = AppWindow::start_session(world, desktop, &["--open-palette"]);
        window.wait_until("the palette's first results", |w| {
            w.find("[data-testid=\"palette-row\"]")
                .map(drop)
                .ok_or_else(|| "no row yet".to_owned())
        });
        window
    }

    /// Starts tauri-driver and a session on the app's first window.
    fn start_session(world: &World, desktop: &Desktop, args: &[&str]) -> AppWindow {
        assert!(!desktop.display.is_empty(), "the desktop has no display");
        // WebDriver starts the app binary itself (`roletray --open-window`
        // would hand over to it by exec, which the driver cannot follow).
        let app = crate::roletray_app_bin();
        assert!(
            app.exists(),
            "roletray-app binary not found at {}: run `cargo build -p roletray-app` first",
            app.display()
        );
        let (port, native_port) = two_free_ports();
        let mut cmd = world.command(crate::tauri_driver_bin());
        cmd.args(["--port", &port.to_string()])
            .args(["--native-port", &native_port.to_string()]);
        let mut driver = Service::spawn("tauri-driver", cmd, world.logs_dir(), Pipes::default());
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        // tauri-driver starts WebKitWebDriver on the native port and proxies to
        // it: both must listen before a session can start. tauri-driver is
        // only probed by connecting: a request through it would leave a pooled
        // connection that WebKitWebDriver closes, and the next request through
        // it (the new session) would be lost.
        let native = SocketAddr::from((Ipv4Addr::LOCALHOST, native_port));
        poll("tauri-driver and WebKitWebDriver", STARTUP_TIMEOUT, || {
            assert!(
                !driver.exited(),
                "tauri-driver exited:\n{}",
                driver.log_text()
            );
            match http::request(native, "GET", "/status", "application/json", b"") {
                Ok((200, _)) => {}
                other => return Err(format!("WebKitWebDriver: {other:?}")),
            }
            TcpStream::connect_timeout(&addr, Duration::from_secs(1))
                .map(drop)
                .map_err(|e| format!("tauri-driver: {e}"))
        });
        let capabilities = json!({"capabilities": {"alwaysMatch": {"tauri:options": {
            "application": app.display().to_string(),
            "args": args,
        }}}});
        let started = send(
            addr,
            "POST",
            "/session",
            &capabilities,
            Duration::from_secs(120),
        )
        .unwrap_or_else(|e| {
            panic!(
                "WebDriver could not start the app: {e}\n{}",
                driver.log_text()
            )
        });
        let session = started["sessionId"]
            .as_str()
            .expect("a session id")
            .to_owned();
        AppWindow {
            driver,
            native,
            session,
        }
    }

    /// Types `text` at the end of the field matching `css`, as keys.
    pub fn type_keys(&self, css: &str, text: &str) {
        self.on_element(css, "typing into", |id| {
            self.command(
                "POST",
                &format!("/element/{id}/value"),
                &json!({"text": text}),
            )
        });
    }

    /// What tauri-driver, WebKitWebDriver and the app wrote to stdout and stderr.
    pub fn log(&self) -> String {
        self.driver.log_text()
    }

    /// Sends a command of this session (`rest` is the path after `/session/ID`).
    pub fn command(&self, method: &str, rest: &str, body: &Value) -> Result<Value, WebDriverError> {
        let path = format!("/session/{}{rest}", self.session);
        send(self.native, method, &path, body, Duration::from_secs(60))
    }

    fn must(&self, method: &str, rest: &str, body: &Value) -> Value {
        self.command(method, rest, body)
            .unwrap_or_else(|e| panic!("WebDriver {method} {rest}: {e}"))
    }

    /// The handle of the window commands go to now.
    pub fn current_window(&self) -> Value {
        self.must("GET", "/window", &Value::Null)
    }

    /// Sends commands to the window `handle` from now on.
    pub fn switch_to(&self, handle: &Value) {
        self.must("POST", "/window", &json!({ "handle": handle }));
    }

    /// Waits for a window other than `main` (the MFA window, say) and
    /// switches to it.
    pub fn switch_to_new_window(&self, main: &Value, what: &str) {
        let other = self.wait_until(what, |app| {
            let handles = app
                .command("GET", "/window/handles", &Value::Null)
                .map_err(|e| e.to_string())?;
            handles
                .as_array()
                .and_then(|h| h.iter().find(|h| *h != main).cloned())
                .ok_or_else(|| format!("{handles}"))
        });
        self.switch_to(&other);
    }

    /// Polls `check` (given this window) until it returns `Ok`, for [`UI_TIMEOUT`].
    pub fn wait_until<T>(
        &self,
        what: &str,
        mut check: impl FnMut(&Self) -> Result<T, String>,
    ) -> T {
        poll(what, UI_TIMEOUT, || check(self))
    }

    /// The first element matching `css`, if any. An element replaced while
    /// WebKitWebDriver was making its handle ("stale element reference")
    /// reads as none yet: the callers that wait find its successor.
    pub fn find(&self, css: &str) -> Option<String> {
        let by = json!({"using": "css selector", "value": css});
        match self.command("POST", "/element", &by) {
            Ok(v) => Some(
                v[ELEMENT]
                    .as_str()
                    .unwrap_or_else(|| panic!("not an element reference: {v}"))
                    .to_owned(),
            ),
            Err(e) if e.error == "no such element" || e.error == "stale element reference" => None,
            Err(e) => panic!("finding {css:?}: {e}"),
        }
    }

    /// Whether an element matching `css` exists and takes up room on the
    /// page (not `hidden`, not in a closed dialog or a hidden tab). Asked in
    /// the page: WebKitWebDriver's Is Element Displayed says false for
    /// elements that are plainly visible.
    pub fn is_shown(&self, css: &str) -> bool {
        let script = "const el = document.querySelector(arguments[0]);\n\
                      return !!el && el.getClientRects().length > 0\n\
                      && getComputedStyle(el).visibility !== 'hidden';";
        self.execute(script, json!([css])) == Value::Bool(true)
    }

    /// Waits until an element matching `css` is shown.
    pub fn wait_for(&self, css: &str) {
        self.wait_until(&format!("{css} to be shown"), |w| {
            w.is_shown(css)
                .then_some(())
                .ok_or_else(|| "not shown".into())
        });
    }

    /// Runs `action` on the element matching `css`, finding it again while
    /// the page is still settling (stale, missing, covered, not yet usable).
    fn on_element(
        &self,
        css: &str,
        what: &str,
        action: impl Fn(&str) -> Result<Value, WebDriverError>,
    ) -> Value {
        self.wait_until(&format!("{what} {css}"), |w| {
            let id = w.find(css).ok_or_else(|| "no such element".to_owned())?;
            match action(&id) {
                Ok(v) => Ok(v),
                Err(e) if RETRYABLE.contains(&e.error.as_str()) => Err(e.to_string()),
                Err(e) => panic!("{what} {css}: {e}"),
            }
        })
    }

    /// Clicks the element matching `css`.
    pub fn click(&self, css: &str) {
        self.on_element(css, "clicking", |id| {
            self.command("POST", &format!("/element/{id}/click"), &json!({}))
        });
    }

    /// Empties the field matching `css` and types `text` into it.
    pub fn fill(&self, css: &str, text: &str) {
        self.on_element(css, "filling", |id| {
            let cleared = self.command("POST", &format!("/element/{id}/clear"), &json!({}))?;
            if text.is_empty() {
                return Ok(cleared);
            }
            self.command(
                "POST",
                &format!("/element/{id}/value"),
                &json!({"text": text}),
            )
        });
    }

    /// Gives the file input matching `css` the file at `path`, as a person
    /// picking it in the file chooser would (W3C Send Keys on a file input).
    pub fn upload(&self, css: &str, path: &std::path::Path) {
        self.on_element(css, "choosing a file for", |id| {
            self.command(
                "POST",
                &format!("/element/{id}/value"),
                &json!({"text": path.display().to_string()}),
            )
        });
    }

    /// Picks the option with `value` of the `<select>` matching `css`.
    pub fn select(&self, css: &str, value: &str) {
        self.click(&format!("{css} option[value=\"{value}\"]"));
        let chosen = self.property(css, "value");
        assert_eq!(chosen, Value::String(value.into()), "select {css}");
    }

    /// The rendered text of the element matching `css`.
    pub fn text(&self, css: &str) -> String {
        // `innerText` rather than WebDriver's Get Element Text, whose
        // visibility guess in WebKitWebDriver returns "" for text in the header.
        let v = self.property(css, "innerText");
        v.as_str().unwrap_or_default().trim().to_owned()
    }

    /// An attribute of the element matching `css` (`None` when it has none).
    pub fn attribute(&self, css: &str, name: &str) -> Option<String> {
        let v = self.on_element(css, "reading an attribute of", |id| {
            self.command(
                "GET",
                &format!("/element/{id}/attribute/{name}"),
                &Value::Null,
            )
        });
        v.as_str().map(str::to_owned)
    }

    /// A DOM property of the element matching `css`.
    pub fn property(&self, css: &str, name: &str) -> Value {
        self.on_element(css, "reading a property of", |id| {
            self.command(
                "GET",
                &format!("/element/{id}/property/{name}"),
                &Value::Null,
            )
        })
    }

    /// Runs `script` (a function body; `arguments` holds `args`) in the page.
    pub fn execute(&self, script: &str, args: Value) -> Value {
        self.must(
            "POST",
            "/execute/sync",
            &json!({"script": script, "args": args}),
        )
    }

    /// The window's content as a PNG (WebDriver's screenshot).
    pub fn screenshot_png(&self) -> Vec<u8> {
        let encoded = self.must("GET", "/screenshot", &Value::Null);
        let png = http::base64_decode(encoded.as_str().expect("base64 text"))
            .expect("a base64 screenshot");
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
        png
    }
}

/// One WebDriver request; the response's `value`, or its error.
fn send(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: &Value,
    timeout: Duration,
) -> Result<Value, WebDriverError> {
    let body = if body.is_null() {
        String::new()
    } else {
        body.to_string()
    };
    let transport = |message: String| WebDriverError {
        error: "transport".into(),
        message,
    };
    let (status, text) = http::request_with_timeout(
        addr,
        method,
        path,
        "application/json; charset=utf-8",
        body.as_bytes(),
        timeout,
    )
    .map_err(transport)?;
    let json: Value = serde_json::from_str(&text)
        .map_err(|e| transport(format!("HTTP {status}, not JSON ({e}): {text}")))?;
    let value = json["value"].clone();
    if status == 200 {
        return Ok(value);
    }
    Err(WebDriverError {
        error: value["error"]
            .as_str()
            .unwrap_or("unknown error")
            .to_owned(),
        message: value["message"].as_str().unwrap_or(&text).to_owned(),
    })
}

impl Drop for AppWindow {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let page = self.command(
                "POST",
                "/execute/sync",
                &json!({"script": "return document.body.innerText", "args": []}),
            );
            let text = match page {
                Ok(v) => v.as_str().unwrap_or_default().chars().take(3000).collect(),
                Err(e) => format!("(cannot read the page: {e})"),
            };
            eprintln!("--- the app's page when the test failed:\n{text}");
        }
        let path = format!("/session/{}", self.session);
        // The app goes with the session; tauri-driver when `driver` drops.
        let _ = send(
            self.native,
            "DELETE",
            &path,
            &Value::Null,
            Duration::from_secs(10),
        );
    }
}
