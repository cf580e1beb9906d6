//! A keychain store for tests that keeps attributes as the Secret Service
//! does (`service` and `username` among them, updates merged into what is
//! there, a search matching every attribute it is given), and counts the
//! secrets read from it. keyring-core's mock store keeps no attributes.
//! Also the keychain and the session the keychain's tests start from.

use keyring_core::api::{CredentialApi, CredentialStoreApi};
use keyring_core::{Credential, CredentialStore, Entry, Error, Result};
use std::any::Any;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

#[derive(Debug, Default)]
pub struct AttributeStore {
    items: Mutex<Vec<Arc<Item>>>,
    reads: Arc<AtomicUsize>,
}

#[derive(Debug)]
struct Item {
    service: String,
    user: String,
    data: Mutex<Data>,
    reads: Arc<AtomicUsize>,
}

#[derive(Debug, Default)]
struct Data {
    secret: Option<Vec<u8>>,
    attributes: HashMap<String, String>,
}

impl AttributeStore {
    pub fn new() -> Arc<AttributeStore> {
        Arc::new(AttributeStore::default())
    }

    /// The store, as a keychain takes it.
    pub fn shared(self: &Arc<AttributeStore>) -> Arc<CredentialStore> {
        self.clone()
    }

    /// How many secrets were read so far.
    pub fn secret_reads(&self) -> usize {
        self.reads.load(Ordering::SeqCst)
    }

    /// The attributes of the item at `user`, as a keychain browser sees them.
    pub fn attributes(&self, service: &str, user: &str) -> HashMap<String, String> {
        let items = self.items.lock().unwrap();
        let item = items
            .iter()
            .find(|i| i.service == service && i.user == user)
            .unwrap();
        item.data.lock().unwrap().attributes.clone()
    }
}

impl Item {
    fn data(&self) -> std::sync::MutexGuard<'_, Data> {
        self.data.lock().unwrap()
    }
}

impl CredentialApi for Item {
    fn set_secret(&self, secret: &[u8]) -> Result<()> {
        let mut data = self.data();
        if data.secret.is_none() {
            // A new item: the Secret Service store creates it with these only.
            data.attributes = HashMap::from([
                ("service".to_owned(), self.service.clone()),
                ("username".to_owned(), self.user.clone()),
            ]);
        }
        data.secret = Some(secret.to_vec());
        Ok(())
    }

    fn get_secret(&self) -> Result<Vec<u8>> {
        self.reads.fetch_add(1, Ordering::SeqCst);
        self.data().secret.clone().ok_or(Error::NoEntry)
    }

    fn get_attributes(&self) -> Result<HashMap<String, String>> {
        let data = self.data();
        match data.secret {
            Some(_) => Ok(data.attributes.clone()),
            None => Err(Error::NoEntry),
        }
    }

    fn update_attributes(&self, attributes: &HashMap<&str, &str>) -> Result<()> {
        if let Some(key) = ["service", "username", "target"]
            .into_iter()
            .find(|k| attributes.contains_key(k))
        {
            return Err(Error::Invalid(key.to_owned(), "cannot be updated".into()));
        }
        let mut data = self.data();
        if data.secret.is_none() {
            return Err(Error::NoEntry);
        }
        for (k, v) in attributes {
            data.attributes.insert((*k).to_owned(), (*v).to_owned());
        }
        Ok(())
    }

    fn delete_credential(&self) -> Result<()> {
        let mut data = self.data();
        match data.secret.take() {
            Some(_) => {
                data.attributes.clear();
                Ok(())
            }
            None => Err(Error::NoEntry),
        }
    }

    fn get_credential(&self) -> Result<Option<Arc<Credential>>> {
        match self.data().secret {
            Some(_) => Ok(None),
            None => Err(Error::NoEntry),
        }
    }

    fn get_specifiers(&self) -> Option<(String, String)> {
        Some((self.service.clone(), self.user.clone()))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl CredentialStoreApi for AttributeStore {
    fn vendor(&self) -> String {
        "RoleTray's attribute-keeping test store".into()
    }

    fn id(&self) -> String {
        "test".into()
    }

    fn build(
        &self,
        service: &str,
        user: &str,
        _modifiers: Option<&HashMap<&str, &str>>,
    ) -> Result<Entry> {
        let mut items = self.items.lock().unwrap();
        if let Some(item) = items
            .iter()
            .find(|i| i.service == service && i.user == user)
        {
            return Ok(Entry::new_with_credential(item.clone()));
        }
        let item = Arc::new(Item {
            service: service.to_owned(),
            user: user.to_owned(),
            data: Mutex::default(),
            reads: self.reads.clone(),
        });
        items.push(item.clone());
        Ok(Entry::new_with_credential(item))
    }

    fn search(&self, spec: &HashMap<&str, &str>) -> Result<Vec<Entry>> {
        let items = self.items.lock().unwrap();
        Ok(items
            .iter()
            .filter(|i| {
                let data = i.data();
                data.secret.is_some()
                    && spec
                        .iter()
                        .all(|(k, v)| data.attributes.get(*k).map(String::as_str) == Some(*v))
            })
            .map(|i| Entry::new_with_credential(i.clone()))
            .collect())
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A keychain over keyring-core's mock store (no attributes kept).
pub fn mock_keychain() -> super::handle::Keychain {
    super::handle::Keychain::with_store(keyring_core::mock::Store::new().unwrap())
}

/// The role session the keychain's tests store.
pub fn sample_session() -> crate::credentials::Session {
    use crate::credentials::{Credentials, Session};
    use crate::secret::Sensitive;
    Session {
        role: "dev".into(),
        assumed_role_arn: "arn:aws:sts::123456789012:assumed-role/dev/s".into(),
        credentials: Credentials {
            access_key_id: "ASIAEXAMPLEEXAMPLE".into(),
            secret_access_key: Sensitive::from("secret"),
            session_token: Some(Sensitive::from("token")),
        },
        expiration: time::OffsetDateTime::from_unix_timestamp(2_000_000_000).unwrap(),
        region: Some("eu-west-1".into()),
    }
}
