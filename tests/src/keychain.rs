//! What the world's keychain holds, read beside RoleTray rather than
//! through it: the Secret Service with `secret-tool` on Linux; for a Windows
//! build under Wine, Wine's Credential Manager, read from the registry that
//! backs it (`reg query`, through the running wineserver) and decrypted as
//! Wine encrypts it (ARC4 with the prefix's 8-byte `EncryptionKey`).

use crate::process::run_command;
use crate::world::World;

const CRED_KEY: &str = r"HKCU\Software\Wine\Credential Manager";

impl World {
    /// The keychain service this world's RoleTray uses.
    pub fn keychain_service(&self) -> String {
        self.env_var("ROLETRAY_KEYCHAIN_SERVICE")
            .unwrap_or_else(|| "roletray".into())
    }

    /// The secret kept at `user` (`source/alice`), read from the OS store
    /// itself; `None` when there is no such item.
    pub fn keychain_secret(&self, user: &str) -> Option<String> {
        let service = self.keychain_service();
        if crate::under_wine() {
            let key = format!(r"{CRED_KEY}\Generic: {user}.{service}");
            let blob = self.reg_binary(&key, "Password")?;
            let arc4 = self.reg_binary(CRED_KEY, "EncryptionKey")?;
            let plain = arc4_apply(&arc4, &blob);
            let units: Vec<u16> = plain
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            return Some(String::from_utf16_lossy(&units));
        }
        let mut lookup = self.command("secret-tool");
        lookup.args(["lookup", "service", &service, "username", user]);
        let found = run_command(lookup, None);
        found.success().then(|| found.stdout.trim_end().to_owned())
    }

    /// The user names of every item of the world's keychain service, sorted.
    pub fn keychain_users(&self) -> Vec<String> {
        let service = self.keychain_service();
        let mut users: Vec<String> = if crate::under_wine() {
            let out = self.wine_reg(&["query", CRED_KEY]);
            let suffix = format!(".{service}");
            out.lines()
                .filter_map(|l| l.trim().rsplit_once(r"\Generic: "))
                .filter_map(|(_, target)| target.strip_suffix(&suffix))
                .map(str::to_owned)
                .collect()
        } else {
            let mut search = self.command("secret-tool");
            search.args(["search", "--all", "--unlock", "service", &service]);
            let out = run_command(search, None);
            // secret-tool prints the attributes on stderr, values on stdout.
            format!("{}\n{}", out.stdout, out.stderr)
                .lines()
                .filter_map(|l| l.trim().strip_prefix("attribute.username = "))
                .map(str::to_owned)
                .collect()
        };
        users.sort();
        users.dedup();
        users
    }

    fn wine_reg(&self, args: &[&str]) -> String {
        let mut cmd = self.command("wine");
        cmd.arg("reg").args(args);
        run_command(cmd, None).stdout
    }

    /// A `REG_BINARY` value, as bytes.
    fn reg_binary(&self, key: &str, value: &str) -> Option<Vec<u8>> {
        let out = self.wine_reg(&["query", key, "/v", value]);
        let line = out.lines().find(|l| l.contains("REG_BINARY"))?;
        let hex = line.split("REG_BINARY").nth(1)?.trim();
        (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
            .collect()
    }
}

/// ARC4 (RC4) over `data` with `key`: encrypting and decrypting are one.
fn arc4_apply(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut s: Vec<u8> = (0..=255).collect();
    let mut j = 0u8;
    for i in 0..256 {
        j = j.wrapping_add(s[i]).wrapping_add(key[i % key.len()]);
        s.swap(i, usize::from(j));
    }
    let (mut i, mut j) = (0u8, 0u8);
    data.iter()
        .map(|b| {
            i = i.wrapping_add(1);
            j = j.wrapping_add(s[usize::from(i)]);
            s.swap(usize::from(i), usize::from(j));
            let k = s[usize::from(s[usize::from(i)].wrapping_add(s[usize::from(j)]))];
            b ^ k
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::arc4_apply;

    #[test]
    fn arc4_matches_the_published_test_vector() {
        // RFC 6229's first vector: key 0x0102030405, keystream offset 0.
        let stream = arc4_apply(&[1, 2, 3, 4, 5], &[0; 8]);
        assert_eq!(stream, [0xb2, 0x39, 0x63, 0x05, 0xf0, 0x3d, 0xc0, 0x27]);
    }
}
