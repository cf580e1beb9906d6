//! The life of a source's long-lived access key: what IAM says about it
//! (`facts`), the cache of that (`cache`), when it needs the person
//! (`reminders`), and the record and rules of replacing it (`rotation`).
//! The flows that call IAM are the service's (`service/key_check.rs`,
//! `service/key_rotation.rs`).

pub mod cache;
pub mod facts;
pub mod key_id;
pub mod reminders;
pub mod rotation;

pub use cache::FactsCache;
pub use facts::{KeyFacts, KeyLife, LastUse};
pub use reminders::Reminder;
pub use rotation::{NewPendingKey, Rotation};
