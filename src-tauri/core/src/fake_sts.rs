//! A scripted STS for unit tests: it records every call, answers with
//! numbered credentials that expire by the test's clock, and can be told to
//! take its time (for single-flight tests) or to refuse.

use crate::clock::{Clock, ManualClock};
use crate::credentials::Credentials;
use crate::error::{Error, Result};
use crate::secret::Sensitive;
use crate::sts::{AssumeRequest, BoxFuture, StsApi, Temporary};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One call, as STS would have seen it. `key` is the access key id that
/// signed it, so a test can follow which credentials made which call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    AssumeRole {
        key: String,
        role_arn: String,
        duration: u32,
        external_id: Option<String>,
        /// Serial and code, when AssumeRole itself carried MFA.
        mfa: Option<(String, String)>,
        region: String,
    },
    GetSessionToken {
        key: String,
        serial: String,
        code: String,
        duration: u32,
    },
    CallerIdentity {
        key: String,
    },
}

pub struct FakeSts {
    clock: Arc<ManualClock>,
    calls: Mutex<Vec<Call>>,
    issued: AtomicU32,
    /// How long each call takes.
    delay: Duration,
    /// The error every call answers with, when set.
    refuse: Mutex<Option<fn() -> Error>>,
    /// Calls signed with this key id are refused as AWS refuses a key it
    /// no longer knows.
    refused_key: Mutex<Option<String>>,
}

impl FakeSts {
    pub fn new(clock: Arc<ManualClock>) -> Arc<FakeSts> {
        Arc::new(FakeSts::with_delay(clock, Duration::ZERO))
    }

    pub fn with_delay(clock: Arc<ManualClock>, delay: Duration) -> FakeSts {
        FakeSts {
            clock,
            calls: Mutex::new(Vec::new()),
            issued: AtomicU32::new(0),
            delay,
            refuse: Mutex::new(None),
            refused_key: Mutex::new(None),
        }
    }

    /// Every call from now on fails with `error()`.
    pub fn refuse(&self, error: fn() -> Error) {
        *self.refuse.lock().unwrap() = Some(error);
    }

    /// Calls signed with `key` from now on fail with `invalid_client_token`.
    pub fn refuse_key(&self, key: &str) {
        *self.refused_key.lock().unwrap() = Some(key.to_owned());
    }

    pub fn calls(&self) -> Vec<Call> {
        self.calls.lock().unwrap().clone()
    }

    /// The access key id STS issued in its `n`th answer (from 1).
    pub fn issued_key(n: u32) -> String {
        format!("ASIAFAKE{n:012}")
    }

    async fn answer(&self, call: Call, seconds: u32) -> Result<Temporary> {
        let key = match &call {
            Call::AssumeRole { key, .. }
            | Call::GetSessionToken { key, .. }
            | Call::CallerIdentity { key } => key.clone(),
        };
        self.calls.lock().unwrap().push(call);
        if self.refused_key.lock().unwrap().as_deref() == Some(key.as_str()) {
            return Err(Error::InvalidClientToken(format!("{key} is not known")));
        }
        if !self.delay.is_zero() {
            tokio::time::sleep(self.delay).await;
        }
        if let Some(error) = *self.refuse.lock().unwrap() {
            return Err(error());
        }
        let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        Ok(Temporary {
            credentials: Credentials {
                access_key_id: FakeSts::issued_key(n),
                secret_access_key: Sensitive::new(format!("secret-{n}")),
                session_token: Some(Sensitive::new(format!("token-{n}"))),
            },
            expiration: self.clock.now() + time::Duration::seconds(i64::from(seconds)),
            arn: Some(format!("arn:aws:sts::123456789012:assumed-role/fake/{n}")),
        })
    }
}

impl StsApi for FakeSts {
    fn assume_role<'a>(
        &'a self,
        creds: &'a Credentials,
        region: &'a str,
        req: &'a AssumeRequest<'a>,
    ) -> BoxFuture<'a, Result<Temporary>> {
        let call = Call::AssumeRole {
            key: creds.access_key_id.clone(),
            role_arn: req.role_arn.to_owned(),
            duration: req.duration_seconds,
            external_id: req.external_id.map(str::to_owned),
            mfa: req.mfa.map(|(s, c)| (s.to_owned(), c.expose().clone())),
            region: region.to_owned(),
        };
        Box::pin(self.answer(call, req.duration_seconds))
    }

    fn get_session_token<'a>(
        &'a self,
        creds: &'a Credentials,
        _region: &'a str,
        serial: &'a str,
        code: &'a Sensitive<String>,
        duration_seconds: u32,
    ) -> BoxFuture<'a, Result<Temporary>> {
        let call = Call::GetSessionToken {
            key: creds.access_key_id.clone(),
            serial: serial.to_owned(),
            code: code.expose().clone(),
            duration: duration_seconds,
        };
        Box::pin(self.answer(call, duration_seconds))
    }

    fn caller_identity<'a>(
        &'a self,
        creds: &'a Credentials,
        _region: &'a str,
    ) -> BoxFuture<'a, Result<String>> {
        let key = creds.access_key_id.clone();
        Box::pin(async move {
            self.calls
                .lock()
                .unwrap()
                .push(Call::CallerIdentity { key: key.clone() });
            Ok(format!("arn:aws:sts::123456789012:assumed-role/fake/{key}"))
        })
    }
}
