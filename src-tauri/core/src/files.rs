//! Files the user owns are never left half-written: every write goes to a
//! temporary file in the same directory, is flushed to disk, then renamed over
//! the target. Read-modify-write cycles hold an advisory lock.

use crate::error::{Error, Result};
use crate::platform::private::{self, set_mode, sync_dir};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Every temporary file is this, the target's file name, `-`, then
/// [`TEMP_RANDOM`] random letters and digits.
const TEMP_PREFIX: &str = ".roletray-tmp-";
const TEMP_RANDOM: usize = 6;

fn temp_file_for(path: &Path, dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{name}-"))
        .rand_bytes(TEMP_RANDOM)
        .tempfile_in(dir)
}

/// Whether `file_name` is one of our temporary files for the target `name`
/// (and not one for `name2` or `name-x`, whose names merely start the same).
fn is_temp_of(file_name: &str, name: &str) -> bool {
    file_name
        .strip_prefix(TEMP_PREFIX)
        .and_then(|rest| rest.strip_prefix(name))
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|random| {
            random.len() == TEMP_RANDOM && random.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

/// Removes temporary files a killed writer of `path` left behind. Call it
/// only while holding that file's lock: then no live writer owns one.
pub fn remove_stale_temps(path: &Path) {
    let dir = parent_dir(path);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for entry in entries.flatten() {
        if is_temp_of(&entry.file_name().to_string_lossy(), &name) {
            // Best effort: a leftover we cannot remove is only clutter.
            std::fs::remove_file(entry.path()).ok();
        }
    }
}

/// A temporary file beside `path` holding `bytes` with `mode`, flushed to disk.
fn prepared_temp(
    path: &Path,
    bytes: &[u8],
    mode: u32,
) -> Result<(tempfile::NamedTempFile, PathBuf)> {
    let dir = parent_dir(path);
    create_private_dir(&dir)?;
    let ctx = || format!("cannot write {}", path.display());
    let mut tmp = temp_file_for(path, &dir).map_err(|e| Error::io(ctx(), e))?;
    tmp.write_all(bytes).map_err(|e| Error::io(ctx(), e))?;
    set_mode(tmp.path(), tmp.as_file(), mode).map_err(|e| Error::io(ctx(), e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(ctx(), e))?;
    Ok((tmp, dir))
}

/// Replaces `path` with `bytes` atomically, with the given Unix mode.
pub fn write_atomically(path: &Path, bytes: &[u8], mode: u32) -> Result<()> {
    let (tmp, dir) = prepared_temp(path, bytes, mode)?;
    tmp.persist(path)
        .map_err(|e| Error::io(format!("cannot write {}", path.display()), e.error))?;
    sync_dir(&dir);
    Ok(())
}

/// A JSON cache file's contents: the default when there is none, or when
/// it cannot be read (it is only a cache; the next write makes it anew).
/// `what` names it in the warning.
pub fn load_json<T: serde::de::DeserializeOwned + Default>(path: &Path, what: &str) -> T {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            tracing::warn!(path = %path.display(), "{what} unreadable, ignored: {e}");
            T::default()
        }),
        Err(_) => T::default(),
    }
}

/// Changes a JSON cache file under the lock `lock_name`, then writes it
/// atomically (mode 0600): `load` reads it as it is (a cache reads as
/// empty when missing or damaged), `what` names it in errors.
pub fn update_json<T: serde::Serialize, R>(
    (path, lock_dir, lock_name): (&Path, &Path, &str),
    what: &str,
    load: fn(&Path) -> T,
    change: impl FnOnce(&mut T) -> R,
) -> Result<R> {
    let _lock = FileLock::acquire(lock_dir, lock_name)?;
    let mut value = load(path);
    let out = change(&mut value);
    if let Some(dir) = path.parent() {
        create_private_dir(dir)?;
    }
    let bytes = serde_json::to_vec_pretty(&value).map_err(|e| {
        Error::io(
            format!("cannot encode {what}"),
            std::io::Error::other(e.to_string()),
        )
    })?;
    write_atomically(path, &bytes, 0o600)?;
    Ok(out)
}

/// Writes `bytes` to `path` only if nothing is there yet, atomically; returns
/// whether it wrote.
pub fn write_new(path: &Path, bytes: &[u8], mode: u32) -> Result<bool> {
    let (tmp, dir) = prepared_temp(path, bytes, mode)?;
    match tmp.persist_noclobber(path) {
        Ok(_) => {
            sync_dir(&dir);
            Ok(true)
        }
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(Error::io(
            format!("cannot write {}", path.display()),
            e.error,
        )),
    }
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// Creates `dir` (and its parents) readable by the user only, if missing.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    private::create_dir(dir).map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))
}

/// Makes sure `dir` is a directory for the user alone, where RoleTray keeps
/// its runtime files (the endpoint's secret, locks): created private when
/// missing; when there, it must be a real directory (not a link) of the
/// user's. Access by others to the user's own directory is taken away
/// (RoleTray made it, or the user did); anything else is refused.
pub fn private_runtime_dir(dir: &Path) -> Result<()> {
    create_private_dir(dir)?;
    private::make_dir_private(dir)
}

/// Checks that `file` is a regular file (not a link) of the user's that
/// nobody else can read, before trusting what it says.
pub fn check_private_file(file: &Path) -> Result<()> {
    private::check_private_file(file)
}

/// Opens `lock_dir/NAME.lock` in a directory of the user's alone, never
/// following a link planted in its place.
fn open_lock_file(lock_dir: &Path, name: &str) -> Result<(File, PathBuf)> {
    if let Some(runtime) = lock_dir.parent() {
        private_runtime_dir(runtime)?;
    }
    private_runtime_dir(lock_dir)?;
    let path = lock_dir.join(format!("{}.lock", encode_name(name)));
    let file = private::open_lock_file(&path)?;
    Ok((file, path))
}

/// A name made safe as one file name or URL path segment: letters,
/// digits, `.`, `_` and `-` stay; anything else (the `/` of Identity
/// Center roles' names) is `%XX`.
pub fn encode_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"._-".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An exclusive advisory lock on `lock_dir/NAME.lock`, released on drop.
/// It serialises RoleTray processes (and threads: each acquire opens its own
/// file description).
#[derive(Debug)]
pub struct FileLock {
    _file: File,
}

impl FileLock {
    /// Blocks until the lock is held.
    pub fn acquire(lock_dir: &Path, name: &str) -> Result<FileLock> {
        let (file, path) = open_lock_file(lock_dir, name)?;
        file.lock()
            .map_err(|e| Error::io(format!("cannot lock {}", path.display()), e))?;
        Ok(FileLock { _file: file })
    }

    /// The lock if nobody holds it now, else `None` (never waits).
    pub fn try_acquire(lock_dir: &Path, name: &str) -> Result<Option<FileLock>> {
        let (file, path) = open_lock_file(lock_dir, name)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(FileLock { _file: file })),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => {
                Err(Error::io(format!("cannot lock {}", path.display()), e))
            }
        }
    }

    /// [`FileLock::acquire`] without blocking the async runtime.
    pub async fn acquire_async(lock_dir: &Path, name: &str) -> Result<FileLock> {
        let (dir, name) = (lock_dir.to_owned(), name.to_owned());
        tokio::task::spawn_blocking(move || FileLock::acquire(&dir, &name))
            .await
            .map_err(|e| Error::io("lock task failed", std::io::Error::other(e)))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_names_become_one_file_name() {
        assert_eq!(encode_name("role-dev_1.x"), "role-dev_1.x");
        assert_eq!(
            encode_name("role-acme/123456789012/Admin+Ops"),
            "role-acme%2F123456789012%2FAdmin%2BOps"
        );
        // A lock folder's parent is made private too: never the shared
        // temporary folder itself.
        let dir = tempfile::tempdir().unwrap();
        let locks = dir.path().join("locks");
        drop(FileLock::acquire(&locks, "role-acme/1/x").unwrap());
        assert!(locks.join("role-acme%2F1%2Fx.lock").is_file());
    }

    #[test]
    fn atomic_write_replaces_and_sets_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a").join("f");
        write_atomically(&path, b"one", 0o600).unwrap();
        write_atomically(&path, b"two", 0o600).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // Only the target remains: no temporary file left behind.
        assert_eq!(
            std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
            1
        );
    }

    #[cfg(unix)]
    #[test]
    fn runtime_dirs_are_made_private_and_planted_links_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let run = dir.path().join("run");
        std::fs::create_dir(&run).unwrap();
        std::fs::set_permissions(&run, std::fs::Permissions::from_mode(0o755)).unwrap();
        let locks = run.join("locks");
        let lock = FileLock::acquire(&locks, "x").unwrap();
        drop(lock);
        for d in [&run, &locks] {
            let mode = std::fs::metadata(d).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o700, "{}", d.display());
        }
        // A symlink planted where a lock file goes is not followed.
        let target = dir.path().join("victim");
        std::fs::write(&target, "mine").unwrap();
        std::os::unix::fs::symlink(&target, locks.join("y.lock")).unwrap();
        let err = FileLock::acquire(&locks, "y").unwrap_err();
        assert_eq!(err.code(), "unsafe_path", "{err}");
        // A symlinked runtime directory is refused.
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        let linked = dir.path().join("linked");
        std::os::unix::fs::symlink(&elsewhere, &linked).unwrap();
        let err = FileLock::acquire(&linked.join("locks"), "z").unwrap_err();
        assert_eq!(err.code(), "unsafe_path", "{err}");
        // A shared folder (sticky, writable by all: /tmp's shape) is
        // refused and left as it was.
        let shared = dir.path().join("shared");
        std::fs::create_dir(&shared).unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o1777)).unwrap();
        let err = FileLock::acquire(&shared.join("locks"), "s").unwrap_err();
        assert!(err.to_string().contains("shared by every user"), "{err}");
        let mode = std::fs::metadata(&shared).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o1777);
        // A private file passes; a readable one does not.
        let file = dir.path().join("f");
        std::fs::write(&file, "x").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        check_private_file(&file).unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert_eq!(check_private_file(&file).unwrap_err().code(), "unsafe_path");
    }

    #[test]
    fn stale_temps_of_another_file_are_left_alone() {
        assert!(is_temp_of(
            ".roletray-tmp-credentials-Ab12Cd",
            "credentials"
        ));
        for other in [
            ".roletray-tmp-credentials2-Ab12Cd",
            ".roletray-tmp-credentials-x-Ab12Cd",
            ".roletray-tmp-credentials-Ab12C",
            ".roletray-tmp-credentials-Ab12Cd.bak",
            "credentials",
        ] {
            assert!(!is_temp_of(other, "credentials"), "{other}");
        }
        let dir = tempfile::tempdir().unwrap();
        let ours = dir.path().join(".roletray-tmp-credentials-Ab12Cd");
        let theirs = dir.path().join(".roletray-tmp-credentials2-Ab12Cd");
        std::fs::write(&ours, "x").unwrap();
        std::fs::write(&theirs, "x").unwrap();
        remove_stale_temps(&dir.path().join("credentials"));
        assert!(!ours.exists());
        assert!(theirs.exists());
        // A real temp file's name is recognised.
        let tmp = temp_file_for(&dir.path().join("credentials"), dir.path()).unwrap();
        let name = tmp
            .path()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(is_temp_of(&name, "credentials"), "{name}");
    }

    #[test]
    fn try_acquire_never_waits() {
        let dir = tempfile::tempdir().unwrap();
        let locks = dir.path().join("locks");
        let held = FileLock::try_acquire(&locks, "x").unwrap();
        assert!(held.is_some());
        assert!(FileLock::try_acquire(&locks, "x").unwrap().is_none());
        drop(held);
        assert!(FileLock::try_acquire(&locks, "x").unwrap().is_some());
    }

    #[test]
    fn stale_temporary_files_of_a_target_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("credentials");
        std::fs::write(dir.path().join(".roletray-tmp-credentials-abc123"), "half").unwrap();
        std::fs::write(dir.path().join(".roletray-tmp-other-abc123"), "keep").unwrap();
        remove_stale_temps(&path);
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(left, [".roletray-tmp-other-abc123"]);
    }

    #[test]
    fn locks_exclude_each_other() {
        let dir = tempfile::tempdir().unwrap();
        let counter = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let (dir, counter) = (dir.path().join("locks"), counter.clone());
                std::thread::spawn(move || {
                    let _l = FileLock::acquire(&dir, "x").unwrap();
                    let inside = counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    assert_eq!(inside, 0, "two holders at once");
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    counter.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
    }
}
