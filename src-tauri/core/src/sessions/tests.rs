//! The session logic with a scripted STS, a mock keychain and a clock the
//! tests move: no network, no moto, no waiting.

use super::*;
use crate::clock::ManualClock;
use crate::fake_sts::{Call, FakeSts};
use crate::sts::StsApi;
use std::sync::atomic::{AtomicU32, Ordering};
use time::macros::datetime;

const KEY: &str = "AKIAIOSFODNN7EXAMPLE";
const CONFIG: &str = "[sources.me]\naccess_key_id = \"AKIAIOSFODNN7EXAMPLE\"\n\n\
    [roles.dev]\nrole_arn = \"arn:aws:iam::123456789012:role/dev\"\nsource = \"me\"\n";
const START: time::OffsetDateTime = datetime!(2026-11-30 10:00 UTC);

/// A mock keychain holding the source's secret, a clock at `START`, and a
/// lock directory of the test's own.
struct Rig {
    keychain: Keychain,
    clock: Arc<ManualClock>,
    memory: SessionMemory,
    lock_dir: tempfile::TempDir,
}

impl Rig {
    fn new() -> Rig {
        let keychain = Keychain::with_store(keyring_core::mock::Store::new().unwrap());
        keychain
            .set_source_secret("me", &Sensitive::from("source-secret"))
            .unwrap();
        Rig {
            keychain,
            clock: Arc::new(ManualClock::new(START)),
            memory: SessionMemory::default(),
            lock_dir: tempfile::tempdir().unwrap(),
        }
    }

    /// A manager over `config`, as one process would build it.
    fn manager(&self, config: &str, sts: Arc<dyn StsApi>) -> SessionManager {
        let config = Config::parse(config, std::path::Path::new("/c.toml")).unwrap();
        self.manager_of(config, sts)
    }

    fn manager_of(&self, config: Config, sts: Arc<dyn StsApi>) -> SessionManager {
        SessionManager::new(
            Arc::new(config),
            self.keychain.clone(),
            sts,
            self.clock.clone(),
            self.lock_dir.path().join("locks"),
        )
        .with_memory(self.memory.clone())
    }

    /// The same, as another process would: its own, empty memory.
    fn other_process(&self, config: &str, sts: Arc<dyn StsApi>) -> SessionManager {
        self.manager(config, sts)
            .with_memory(SessionMemory::default())
    }
}

/// Answers every MFA question with `123456` and counts the questions.
#[derive(Default)]
struct Codes(AtomicU32);

impl MfaPrompt for Codes {
    fn code<'a>(&'a self, _: &'a MfaAsk<'a>) -> BoxFuture<'a, Result<Sensitive<String>>> {
        self.0.fetch_add(1, Ordering::SeqCst);
        Box::pin(async { Ok(Sensitive::from("123456")) })
    }
}

fn assumes(calls: &[Call]) -> usize {
    calls
        .iter()
        .filter(|c| matches!(c, Call::AssumeRole { .. }))
        .count()
}

fn session() -> Session {
    Session {
        role: "dev".into(),
        assumed_role_arn: "arn:aws:sts::123456789012:assumed-role/dev/me".into(),
        credentials: Credentials {
            access_key_id: "ASIAEXAMPLE".into(),
            secret_access_key: Sensitive::from("s"),
            session_token: Some(Sensitive::from("t")),
        },
        expiration: datetime!(2026-11-30 11:00 UTC),
        region: None,
    }
}

// Sessions found in the keychain go to memory, which then serves them
// with no keychain and no STS; a changed role is another fingerprint.
#[tokio::test]
async fn memory_serves_what_the_keychain_had_until_the_role_changes() {
    let rig = Rig::new();
    let sts = FakeSts::new(rig.clock.clone());
    let m = rig.manager(CONFIG, sts.clone());
    let fingerprint = m.fingerprint("dev", m.config.role("dev").unwrap()).unwrap();
    rig.keychain
        .store_role_session(&Cached {
            session: session(),
            fingerprint,
        })
        .unwrap();
    assert_eq!(m.cached_all().await.unwrap(), [session()]);
    rig.keychain.delete_role_session("dev").unwrap();
    let got = m.session("dev", &NoPrompt).await.unwrap();
    assert_eq!((got.session, got.fresh), (session(), false));

    // The role edited (another duration): memory no longer matches, and
    // with nothing in the keychain the manager would have to assume.
    let edited = format!("{CONFIG}duration_seconds = 1800\n");
    let m = rig.manager(&edited, sts.clone());
    assert_eq!(m.cached("dev").await.unwrap(), None);
    // forget drops the memory copy too.
    let m = rig.manager(CONFIG, sts.clone());
    assert!(m.cached("dev").await.unwrap().is_some());
    m.forget("dev").await.unwrap();
    assert_eq!(m.cached("dev").await.unwrap(), None);
    assert_eq!(sts.calls(), []);
}

// A session is reused, by this process and by another one through the
// keychain, until no more than the minimum time to live (300 s) remains.
#[tokio::test]
async fn the_cache_serves_until_the_minimum_time_to_live() {
    let rig = Rig::new();
    let sts = FakeSts::new(rig.clock.clone());
    let m = rig.manager(CONFIG, sts.clone());

    let first = m.session("dev", &NoPrompt).await.unwrap();
    assert!(first.fresh);
    assert_eq!(first.session.expiration, START + time::Duration::hours(1));
    assert_eq!(
        sts.calls(),
        [Call::AssumeRole {
            key: KEY.into(),
            role_arn: "arn:aws:iam::123456789012:role/dev".into(),
            duration: 3600,
            external_id: None,
            mfa: None,
            region: "us-east-1".into(),
        }]
    );

    rig.clock.advance(time::Duration::seconds(3600 - 301));
    let again = m.session("dev", &NoPrompt).await.unwrap();
    assert!(!again.fresh);
    let elsewhere = rig
        .other_process(CONFIG, sts.clone())
        .session("dev", &NoPrompt)
        .await
        .unwrap();
    assert!(!elsewhere.fresh);
    assert_eq!(
        elsewhere.session.credentials.access_key_id,
        FakeSts::issued_key(1)
    );
    assert_eq!(assumes(&sts.calls()), 1);

    // 300 s left: not enough, for either process.
    rig.clock.advance(time::Duration::seconds(1));
    let renewed = m.session("dev", &NoPrompt).await.unwrap();
    assert!(renewed.fresh);
    assert_eq!(
        renewed.session.credentials.access_key_id,
        FakeSts::issued_key(2)
    );
    // cached() still shows the old one while any time is left; renew() never
    // uses the cache.
    assert!(m.renew("dev", &NoPrompt).await.unwrap().fresh);
    assert_eq!(assumes(&sts.calls()), 3);
}

// Editing what shapes the credentials, on the role or up its chain, is
// another session; marking a role a favourite is not.
#[tokio::test]
async fn editing_a_role_or_its_chain_invalidates_but_favouring_does_not() {
    let chained = format!(
        "{CONFIG}\n[roles.ops]\nrole_arn = \"arn:aws:iam::123456789012:role/ops\"\nvia = \"dev\"\n"
    );
    let rig = Rig::new();
    let sts = FakeSts::new(rig.clock.clone());
    rig.manager(&chained, sts.clone())
        .session("ops", &NoPrompt)
        .await
        .unwrap();
    assert_eq!(assumes(&sts.calls()), 2);

    let favourite = chained.replace("via = \"dev\"\n", "via = \"dev\"\nfavourite = true\n");
    let m = rig.manager(&favourite, sts.clone());
    assert!(!m.session("ops", &NoPrompt).await.unwrap().fresh);
    assert!(m.cached("ops").await.unwrap().is_some());

    // The parent gets an external ID: both sessions are made again.
    let edited = chained.replace(
        "source = \"me\"\n",
        "source = \"me\"\nexternal_id = \"client-1\"\n",
    );
    let m = rig.manager(&edited, sts.clone());
    assert_eq!(m.cached("ops").await.unwrap(), None);
    assert!(m.session("ops", &NoPrompt).await.unwrap().fresh);
    let calls = sts.calls();
    assert_eq!(assumes(&calls), 4);
    assert!(matches!(
        &calls[2],
        Call::AssumeRole { external_id: Some(id), .. } if id == "client-1"
    ));
}

// Each step of a chain signs with the credentials of the step before; a
// loop is refused before any call.
#[tokio::test]
async fn chains_to_depth_three_and_refuses_loops() {
    let config = format!(
        "{CONFIG}\n[roles.b]\nrole_arn = \"arn:aws:iam::123456789012:role/b\"\nvia = \"dev\"\n\
         \n[roles.c]\nrole_arn = \"arn:aws:iam::210987654321:role/c\"\nvia = \"b\"\n\
         region = \"eu-west-1\"\n"
    );
    let rig = Rig::new();
    let sts = FakeSts::new(rig.clock.clone());
    let got = rig
        .manager(&config, sts.clone())
        .session("c", &NoPrompt)
        .await
        .unwrap();
    let signers: Vec<(String, String)> = sts
        .calls()
        .into_iter()
        .map(|c| match c {
            Call::AssumeRole { key, role_arn, .. } => (key, role_arn),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(
        signers,
        [
            (KEY.into(), "arn:aws:iam::123456789012:role/dev".into()),
            (
                FakeSts::issued_key(1),
                "arn:aws:iam::123456789012:role/b".into()
            ),
            (
                FakeSts::issued_key(2),
                "arn:aws:iam::210987654321:role/c".into()
            ),
        ]
    );
    assert_eq!(
        got.session.credentials.access_key_id,
        FakeSts::issued_key(3)
    );
    assert_eq!(got.session.region.as_deref(), Some("eu-west-1"));

    let looped = format!(
        "[sources.me]\naccess_key_id = \"{KEY}\"\n\
         [roles.x]\nrole_arn = \"arn:aws:iam::123456789012:role/x\"\nvia = \"y\"\n\
         [roles.y]\nrole_arn = \"arn:aws:iam::123456789012:role/y\"\nvia = \"x\"\n"
    );
    let parsed = Config::parse(&looped, std::path::Path::new("/c.toml")).unwrap_err();
    assert_eq!(parsed.code(), "config_invalid");
    // A configuration built in memory is checked again before any call.
    let mut config = Config::parse(CONFIG, std::path::Path::new("/c.toml")).unwrap();
    for (name, via) in [("x", "y"), ("y", "x")] {
        let mut role = config.roles["dev"].clone();
        role.source = None;
        role.via = Some(via.into());
        config.roles.insert(name.into(), role);
    }
    let sts = FakeSts::new(rig.clock.clone());
    let err = rig
        .manager_of(config, sts.clone())
        .session("x", &NoPrompt)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert!(err.to_string().contains("x -> y -> x"), "{err}");
    assert_eq!(sts.calls(), []);
}

// AWS caps a session assumed with another role's credentials at one hour,
// whatever the role asks for.
#[tokio::test]
async fn chained_sessions_are_capped_at_one_hour() {
    let config = format!(
        "{CONFIG}duration_seconds = 7200\n\
         \n[roles.ops]\nrole_arn = \"arn:aws:iam::123456789012:role/ops\"\nvia = \"dev\"\n\
         duration_seconds = 7200\n"
    );
    let rig = Rig::new();
    let sts = FakeSts::new(rig.clock.clone());
    let got = rig
        .manager(&config, sts.clone())
        .session("ops", &NoPrompt)
        .await
        .unwrap();
    let durations: Vec<u32> = sts
        .calls()
        .iter()
        .map(|c| match c {
            Call::AssumeRole { duration, .. } => *duration,
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(durations, [7200, 3600]);
    assert_eq!(got.session.expiration, START + time::Duration::hours(1));
}

// One code, one GetSessionToken, and every role of the source assumed
// with it; a role asking for more than an hour carries the code itself.
#[tokio::test]
async fn one_mfa_session_serves_every_role_of_a_source() {
    let config = format!(
        "[sources.me]\naccess_key_id = \"{KEY}\"\nmfa_serial = \"arn:aws:iam::123456789012:mfa/me\"\n\
         [roles.dev]\nrole_arn = \"arn:aws:iam::123456789012:role/dev\"\nsource = \"me\"\n\
         [roles.ops]\nrole_arn = \"arn:aws:iam::123456789012:role/ops\"\nsource = \"me\"\n\
         [roles.long]\nrole_arn = \"arn:aws:iam::123456789012:role/long\"\nsource = \"me\"\n\
         duration_seconds = 14400\n"
    );
    let rig = Rig::new();
    let sts = FakeSts::new(rig.clock.clone());
    let codes = Codes::default();
    let m = rig.manager(&config, sts.clone());
    m.session("dev", &codes).await.unwrap();
    rig.other_process(&config, sts.clone())
        .session("ops", &codes)
        .await
        .unwrap();
    assert_eq!(codes.0.load(Ordering::SeqCst), 1);
    let calls = sts.calls();
    assert_eq!(
        calls[0],
        Call::GetSessionToken {
            key: KEY.into(),
            serial: "arn:aws:iam::123456789012:mfa/me".into(),
            code: "123456".into(),
            duration: 43_200,
        }
    );
    for call in &calls[1..] {
        assert!(
            matches!(call, Call::AssumeRole { key, mfa: None, .. } if *key == FakeSts::issued_key(1)),
            "{call:?}"
        );
    }
    assert_eq!(calls.len(), 3);

    m.session("long", &codes).await.unwrap();
    assert_eq!(codes.0.load(Ordering::SeqCst), 2);
    assert!(matches!(
        sts.calls().last().unwrap(),
        Call::AssumeRole { key, duration: 14_400, mfa: Some((_, code)), .. }
            if key == KEY && code == "123456"
    ));

    // With no way to ask, a role that needs a new code says so.
    let err = rig
        .other_process(&config, sts.clone())
        .renew("long", &NoPrompt)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "mfa_required");
}

// Callers that ask at once for the same role share one AssumeRole.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_callers_share_one_call() {
    let rig = Rig::new();
    let sts = Arc::new(FakeSts::with_delay(
        rig.clock.clone(),
        std::time::Duration::from_millis(200),
    ));
    let managers: Vec<SessionManager> = (0..6)
        .map(|i| {
            if i % 2 == 0 {
                rig.manager(CONFIG, sts.clone())
            } else {
                rig.other_process(CONFIG, sts.clone())
            }
        })
        .collect();
    let tasks: Vec<_> = managers
        .into_iter()
        .map(|m| tokio::spawn(async move { m.session("dev", &NoPrompt).await }))
        .collect();
    let mut got = Vec::new();
    for t in tasks {
        got.push(t.await.unwrap());
    }
    assert_eq!(assumes(&sts.calls()), 1);
    let fresh = got.iter().filter(|o| o.as_ref().unwrap().fresh).count();
    assert_eq!(fresh, 1);
    for o in got {
        assert_eq!(
            o.unwrap().session.credentials.access_key_id,
            FakeSts::issued_key(1)
        );
    }
}

// A failure is the caller's, and nothing is cached from it.
#[tokio::test]
async fn a_refused_call_caches_nothing() {
    let rig = Rig::new();
    let sts = FakeSts::new(rig.clock.clone());
    sts.refuse(|| Error::AccessDenied("not allowed".into()));
    let m = rig.manager(CONFIG, sts.clone());
    let err = m.session("dev", &NoPrompt).await.unwrap_err();
    assert_eq!(err.code(), "access_denied");
    assert_eq!(m.cached("dev").await.unwrap(), None);
    assert!(rig.keychain.role_session("dev").unwrap().is_none());
}

// `roletray sessions` shows what `cached_all` finds (the live sessions of
// roles as configured now) from one search that reads no secret; an item
// an older RoleTray stored is read and then given its facts, unless its
// role is being assumed at that moment (that assume writes them).
#[tokio::test]
async fn a_listing_shows_the_cached_sessions_without_their_secrets() {
    use crate::keychain::test_store::AttributeStore;
    let store = AttributeStore::new();
    let keychain = Keychain::with_store(store.shared());
    keychain
        .set_source_secret("me", &Sensitive::from("source-secret"))
        .unwrap();
    let rig = Rig {
        keychain,
        clock: Arc::new(ManualClock::new(START)),
        memory: SessionMemory::default(),
        lock_dir: tempfile::tempdir().unwrap(),
    };
    let config = format!(
        "{CONFIG}\n[roles.ops]\nrole_arn = \"arn:aws:iam::123456789012:role/ops\"\nsource = \"me\"\n"
    );
    let sts = FakeSts::new(rig.clock.clone());
    let m = rig.manager(&config, sts.clone());
    m.session("dev", &NoPrompt).await.unwrap();
    // ops, as a RoleTray from before the facts stored it.
    let fingerprint = m.fingerprint("ops", m.config.role("ops").unwrap()).unwrap();
    let old = serde_json::json!({
        "v": 1, "role": "ops",
        "assumed_role_arn": "arn:aws:sts::123456789012:assumed-role/ops/me",
        "access_key_id": "ASIAOLD", "secret_access_key": "s", "session_token": "t",
        "expiration": datetime!(2026-11-30 10:30 UTC).unix_timestamp(),
        "region": "eu-west-1", "fingerprint": fingerprint,
    });
    keyring_core::Entry::new_in_store(&store.shared(), "roletray", "session/ops")
        .unwrap()
        .set_password(&old.to_string())
        .unwrap();
    // A session of a role since removed is not listed.
    let mut gone = session();
    gone.role = "gone".into();
    rig.keychain
        .store_role_session(&Cached {
            session: gone,
            fingerprint: "f".into(),
        })
        .unwrap();

    let full: Vec<SessionSummary> = rig
        .other_process(&config, sts.clone())
        .cached_all()
        .await
        .unwrap()
        .iter()
        .map(Session::summary)
        .collect();
    assert_eq!(
        full.iter().map(|s| s.role.as_str()).collect::<Vec<_>>(),
        ["dev", "ops"]
    );

    // While ops is being assumed, its item is read and left to the assume.
    let held = FileLock::acquire(&rig.lock_dir.path().join("locks"), "role-ops").unwrap();
    let reads = store.secret_reads();
    assert_eq!(m.listed().await.unwrap(), full);
    assert_eq!(store.secret_reads(), reads + 1, "only the old item is read");
    drop(held);

    // Then it gets its facts: read once more, and never again.
    let reads = store.secret_reads();
    assert_eq!(m.listed().await.unwrap(), full);
    assert_eq!(store.secret_reads(), reads + 2);
    let reads = store.secret_reads();
    assert_eq!(m.listed().await.unwrap(), full);
    assert_eq!(store.secret_reads(), reads, "a listing read a secret");

    // Expired sessions are left out, as `cached_all` leaves them out.
    rig.clock.advance(time::Duration::minutes(45));
    let now: Vec<String> = m
        .listed()
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.role)
        .collect();
    assert_eq!(now, ["dev"]);
}

// An MFA session AWS no longer honours (its key rotated away, revoked) is
// dropped and made again, once, instead of failing every role.
#[tokio::test]
async fn a_refused_mfa_session_is_made_again() {
    let config = format!(
        "[sources.me]\naccess_key_id = \"{KEY}\"\nmfa_serial = \"arn:aws:iam::123456789012:mfa/me\"\n\
         [roles.dev]\nrole_arn = \"arn:aws:iam::123456789012:role/dev\"\nsource = \"me\"\n\
         [roles.ops]\nrole_arn = \"arn:aws:iam::123456789012:role/ops\"\nsource = \"me\"\n"
    );
    let rig = Rig::new();
    let sts = FakeSts::new(rig.clock.clone());
    let codes = Codes::default();
    let m = rig.manager(&config, sts.clone());
    m.session("dev", &codes).await.unwrap();
    sts.refuse_key(&FakeSts::issued_key(1));
    m.session("ops", &codes).await.unwrap();
    assert_eq!(
        codes.0.load(Ordering::SeqCst),
        2,
        "a new code for the new MFA session"
    );
    let calls = sts.calls();
    assert!(
        matches!(calls.last().unwrap(), Call::AssumeRole { key, .. } if *key == FakeSts::issued_key(3)),
        "{calls:?}"
    );
}

// A rotation keeps the source's line of keys (`first_key_id`): sessions made
// with the old key are still served; a key given by hand starts anew.
#[tokio::test]
async fn sessions_survive_a_rotation_but_not_a_key_given_by_hand() {
    let role = "[roles.dev]\nrole_arn = \"arn:aws:iam::123456789012:role/dev\"\nsource = \"me\"\n";
    let before = format!("[sources.me]\naccess_key_id = \"{KEY}\"\n{role}");
    let rotated = format!(
        "[sources.me]\naccess_key_id = \"AKIAROTATED000000001\"\nfirst_key_id = \"{KEY}\"\n{role}"
    );
    let by_hand = format!("[sources.me]\naccess_key_id = \"AKIAROTATED000000001\"\n{role}");
    let rig = Rig::new();
    let sts = FakeSts::new(rig.clock.clone());
    let first = rig
        .manager(&before, sts.clone())
        .session("dev", &NoPrompt)
        .await
        .unwrap();
    assert!(first.fresh);
    let again = rig
        .other_process(&rotated, sts.clone())
        .session("dev", &NoPrompt)
        .await
        .unwrap();
    assert!(!again.fresh, "served from the cache after the rotation");
    let anew = rig
        .other_process(&by_hand, sts.clone())
        .session("dev", &NoPrompt)
        .await
        .unwrap();
    assert!(anew.fresh, "a key given by hand assumes again");
}
