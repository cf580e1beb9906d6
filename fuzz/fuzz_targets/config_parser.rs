//! Any text given to the configuration parser gives a config or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = roletray_core::config::Config::parse(text, std::path::Path::new("fuzz.toml"));
    }
});
