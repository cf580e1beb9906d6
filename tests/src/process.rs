//! Running short-lived commands with captured output and a deadline.

use std::io::{Read, Write};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// How long [`run_command`] lets a command run before killing it.
pub const COMMAND_TIMEOUT: Duration = Duration::from_secs(120);

/// What a finished command printed, as text.
#[derive(Debug)]
pub struct Output {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    /// The exit code, `None` when killed by a signal.
    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }

    pub fn success(&self) -> bool {
        self.status.success()
    }
}

fn drain<R: Read + Send + 'static>(pipe: Option<R>) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

fn wait_with_deadline(child: &mut Child, what: &str, timeout: Duration) -> ExitStatus {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(status) = child.try_wait().expect("waiting for a command") {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} still running after {timeout:?}: killed");
        }
        thread::sleep(Duration::from_millis(10));
    }
}

/// Runs `cmd` to completion, feeding it `stdin` (or `/dev/null`), capturing
/// stdout and stderr. Panics when it cannot start or runs past [`COMMAND_TIMEOUT`].
pub fn run_command(cmd: Command, stdin: Option<&str>) -> Output {
    run_command_for(cmd, stdin, COMMAND_TIMEOUT)
}

/// [`run_command`] with its own time limit, for a command known to be long.
pub fn run_command_for(mut cmd: Command, stdin: Option<&str>, timeout: Duration) -> Output {
    let what = format!("{:?}", cmd.get_program());
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {what}: {e}"));
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    if let (Some(input), Some(mut pipe)) = (stdin, child.stdin.take()) {
        // A command that exits without reading its input is not our failure.
        let _ = pipe.write_all(input.as_bytes());
    }
    let status = wait_with_deadline(&mut child, &what, timeout);
    Output {
        status,
        stdout: stdout.join().expect("stdout reader"),
        stderr: stderr.join().expect("stderr reader"),
    }
}
