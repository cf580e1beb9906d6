//! What a person is told to do, where it differs by system (kept apart
//! from the code that does it, so that error messages can name it without
//! depending on that code).

/// How a person makes a file or folder theirs alone.
#[cfg(unix)]
pub const MAKE_PRIVATE: &str = "mode 0700 for a folder, 0600 for a file";
#[cfg(not(unix))]
pub const MAKE_PRIVATE: &str =
    "Properties, Security, Advanced: inheritance off, your account the only entry";
