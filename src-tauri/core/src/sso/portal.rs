//! The only module that talks to the AWS access portal (ListAccounts,
//! ListAccountRoles, GetRoleCredentials, Logout). Its endpoint follows
//! `AWS_ENDPOINT_URL_SSO`, then `AWS_ENDPOINT_URL`.
//!
//! The portal throttles (about 20 requests a second). Listing an
//! organisation of thousands of accounts keeps a few calls in flight and
//! paces their starts under that rate ([`Pacer`]); a call throttled anyway
//! slows every caller and is tried again, so a long list ends without a
//! failed call.

use super::listing::{Account, Listing};
use super::pacer::Pacer;
use crate::credentials::Credentials;
use crate::error::{Error, Result};
use crate::sdk_config;
use crate::secret::Sensitive;
use aws_config::retry::RetryConfig;
use aws_sdk_sso::Client;
use aws_sdk_sso::config::Region;
use aws_sdk_sso::error::{ProvideErrorMetadata, SdkError};
use aws_smithy_runtime_api::http::Response as HttpResponse;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use time::OffsetDateTime;
use tokio::time::Instant;

/// Calls in flight while listing the roles of many accounts.
pub const LIST_CONCURRENCY: usize = 6;
/// A throttled call is tried this many times in all.
const THROTTLE_ATTEMPTS: u32 = 12;

/// Where portal calls go: the standard variables, else AWS's endpoint.
pub fn endpoint(region: &str) -> String {
    sdk_config::endpoint_override("AWS_ENDPOINT_URL_SSO")
        .unwrap_or_else(|| format!("https://portal.sso.{region}.amazonaws.com"))
}

/// A portal client for one region. Throttling is retried here, not by the
/// SDK, so that every caller backs off together.
pub struct Portal {
    client: Client,
    region: String,
    /// When each call may start.
    pacer: Pacer,
}

/// A role's temporary credentials, as the portal answered.
#[derive(Debug)]
pub struct RoleCredentials {
    pub credentials: Credentials,
    pub expiration: OffsetDateTime,
}

/// How far a listing has got, for a progress line.
pub trait ListProgress: Send + Sync {
    fn accounts_listed(&self, accounts: usize);
    fn roles_listed(&self, done: usize, of: usize);
}

/// Progress nobody watches.
pub struct Quiet;

impl ListProgress for Quiet {
    fn accounts_listed(&self, _: usize) {}
    fn roles_listed(&self, _: usize, _: usize) {}
}

impl Portal {
    pub async fn new(region: &str) -> Result<Portal> {
        let conf = aws_sdk_sso::config::Builder::from(&sdk_config::shared().await?)
            .region(Region::new(region.to_owned()))
            .retry_config(RetryConfig::standard().with_max_attempts(1))
            .build();
        Ok(Portal {
            client: Client::from_conf(conf),
            region: region.to_owned(),
            pacer: Pacer::new(Instant::now()),
        })
    }

    fn endpoint(&self) -> String {
        endpoint(&self.region)
    }

    /// Runs `call` until it is not throttled (or has been throttled too often).
    async fn paced<T, F, Fut>(&self, what: &'static str, mut call: F) -> Result<T>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<T>>,
    {
        for attempt in 1..=THROTTLE_ATTEMPTS {
            tokio::time::sleep_until(self.pacer.reserve(Instant::now())).await;
            match call().await {
                Err(Error::Throttled(m)) if attempt < THROTTLE_ATTEMPTS => {
                    self.pacer.throttled(Instant::now());
                    tracing::debug!(what, attempt, rate = self.pacer.rate(), "throttled: {m}");
                }
                other => {
                    if other.is_ok() {
                        self.pacer.succeeded(Instant::now());
                    }
                    return other;
                }
            }
        }
        unreachable!("the last attempt returns")
    }

    /// Every item of every page: `page` gets the page's token and answers
    /// the page's items and the next token.
    async fn all_pages<T, F, Fut>(&self, what: &'static str, page: F) -> Result<Vec<T>>
    where
        F: Fn(Option<String>) -> Fut,
        Fut: std::future::Future<Output = Result<(Vec<T>, Option<String>)>>,
    {
        let mut items = Vec::new();
        let mut next: Option<String> = None;
        loop {
            let (mut got, token) = self.paced(what, || page(next.clone())).await?;
            items.append(&mut got);
            next = token.filter(|t| !t.is_empty());
            if next.is_none() {
                return Ok(items);
            }
        }
    }

    /// Every account the token may use, then every role in each, with
    /// `LIST_CONCURRENCY` calls in flight.
    pub async fn list(
        self: &Arc<Self>,
        token: &Sensitive<String>,
        progress: &dyn ListProgress,
    ) -> Result<Listing> {
        let accounts = self
            .all_pages("ListAccounts", |page| {
                let req = self
                    .client
                    .list_accounts()
                    .access_token(token.expose().clone())
                    .max_results(100)
                    .set_next_token(page);
                async move {
                    let out = req.send().await.map_err(|e| self.classify(e))?;
                    let accounts = out
                        .account_list()
                        .iter()
                        .filter_map(|a| {
                            let id = a.account_id()?;
                            Some(Account {
                                id: id.to_owned(),
                                name: a.account_name().unwrap_or(id).to_owned(),
                                email: a.email_address().map(str::to_owned),
                                roles: Vec::new(),
                            })
                        })
                        .collect();
                    Ok((accounts, out.next_token().map(str::to_owned)))
                }
            })
            .await?;
        progress.accounts_listed(accounts.len());
        let total = accounts.len();
        let done = Arc::new(AtomicUsize::new(0));
        let queue = Arc::new(std::sync::Mutex::new(
            accounts.into_iter().enumerate().collect::<Vec<_>>(),
        ));
        let mut workers = tokio::task::JoinSet::new();
        for _ in 0..LIST_CONCURRENCY.min(total.max(1)) {
            let (portal, queue, done) = (self.clone(), queue.clone(), done.clone());
            let token = Sensitive::new(token.expose().clone());
            workers.spawn(async move {
                let mut listed = Vec::new();
                loop {
                    let next = queue.lock().unwrap_or_else(|p| p.into_inner()).pop();
                    let Some((i, mut account)) = next else { break };
                    account.roles = portal.account_roles(&token, &account.id).await?;
                    done.fetch_add(1, Ordering::Relaxed);
                    listed.push((i, account));
                }
                Ok::<_, Error>(listed)
            });
        }
        let mut listed = Vec::with_capacity(total);
        let mut last_shown = 0;
        while let Some(joined) = workers.join_next().await {
            let part = joined.map_err(|e| Error::Sso {
                code: "task".into(),
                message: e.to_string(),
            })?;
            match part {
                Ok(part) => listed.extend(part),
                Err(e) => {
                    workers.abort_all();
                    return Err(e);
                }
            }
            let now = done.load(Ordering::Relaxed);
            if now != last_shown {
                progress.roles_listed(now, total);
                last_shown = now;
            }
        }
        listed.sort_by_key(|(i, _)| *i);
        Ok(Listing {
            accounts: listed.into_iter().map(|(_, a)| a).collect(),
        })
    }

    /// The roles of one account, every page.
    async fn account_roles(&self, token: &Sensitive<String>, account: &str) -> Result<Vec<String>> {
        let mut roles = self
            .all_pages("ListAccountRoles", |page| {
                let req = self
                    .client
                    .list_account_roles()
                    .access_token(token.expose().clone())
                    .account_id(account)
                    .max_results(100)
                    .set_next_token(page);
                async move {
                    let out = req.send().await.map_err(|e| self.classify(e))?;
                    let roles = out
                        .role_list()
                        .iter()
                        .filter_map(|r| r.role_name().map(str::to_owned))
                        .collect();
                    Ok((roles, out.next_token().map(str::to_owned)))
                }
            })
            .await?;
        roles.sort();
        Ok(roles)
    }

    /// A role's credentials (GetRoleCredentials).
    pub async fn role_credentials(
        &self,
        token: &Sensitive<String>,
        account: &str,
        role: &str,
    ) -> Result<RoleCredentials> {
        tracing::debug!(account, role, "SSO GetRoleCredentials");
        let out = self
            .paced("GetRoleCredentials", || {
                let req = self
                    .client
                    .get_role_credentials()
                    .access_token(token.expose().clone())
                    .account_id(account)
                    .role_name(role);
                async move { req.send().await.map_err(|e| self.classify(e)) }
            })
            .await
            .map_err(|e| match e {
                Error::NotFound { .. } => Error::NotFound {
                    kind: "Identity Center role (it is no longer assigned to you)",
                    name: format!("{account}/{role}"),
                },
                other => other,
            })?;
        let c = out.role_credentials().ok_or_else(|| Error::Sso {
            code: "GetRoleCredentials".into(),
            message: "the answer held no credentials".into(),
        })?;
        let (Some(id), Some(secret), Some(token)) =
            (c.access_key_id(), c.secret_access_key(), c.session_token())
        else {
            return Err(Error::Sso {
                code: "GetRoleCredentials".into(),
                message: "the answer held partial credentials".into(),
            });
        };
        // The portal gives the expiry in milliseconds.
        let expiration =
            OffsetDateTime::from_unix_timestamp(c.expiration() / 1000).map_err(|_| Error::Sso {
                code: "GetRoleCredentials".into(),
                message: "the answer held an impossible expiry".into(),
            })?;
        Ok(RoleCredentials {
            credentials: Credentials {
                access_key_id: id.to_owned(),
                secret_access_key: Sensitive::new(secret.to_owned()),
                session_token: Some(Sensitive::new(token.to_owned())),
            },
            expiration,
        })
    }

    /// Ends the sign-in at the portal (Logout).
    pub async fn logout(&self, token: &Sensitive<String>) -> Result<()> {
        self.client
            .logout()
            .access_token(token.expose().clone())
            .send()
            .await
            .map_err(|e| self.classify(e))?;
        Ok(())
    }

    fn classify<E>(&self, err: SdkError<E, HttpResponse>) -> Error
    where
        E: ProvideErrorMetadata + std::error::Error + 'static,
    {
        let endpoint = self.endpoint();
        if let Some(e) = transport_failure(&err, &endpoint) {
            return e;
        }
        let status = err.raw_response().map(|r| r.status().as_u16());
        let code = err.code().map(str::to_owned);
        let message = err
            .message()
            .map(str::to_owned)
            .unwrap_or_else(|| code.clone().unwrap_or_else(|| format!("HTTP {status:?}")));
        match (code.as_deref(), status) {
            (Some("UnauthorizedException"), _) | (None, Some(401)) => {
                Error::SsoSignInRequired(format!("the portal refused the sign-in ({message})"))
            }
            (Some("TooManyRequestsException"), _) | (_, Some(429)) => Error::Throttled(message),
            (Some("ResourceNotFoundException"), _) | (None, Some(404)) => Error::NotFound {
                kind: "Identity Center account or role",
                name: message,
            },
            (Some("ForbiddenException"), _) | (None, Some(403)) => Error::AccessDenied(message),
            (_, Some(s)) if s >= 500 => Error::SsoUnreachable { endpoint, message },
            (Some(c), _) => Error::Sso {
                code: c.to_owned(),
                message,
            },
            (None, _) => Error::Sso {
                code: "unknown".into(),
                message,
            },
        }
    }
}

/// A call that never got an answer: the endpoint is unreachable.
pub(super) fn transport_failure<E, R>(err: &SdkError<E, R>, endpoint: &str) -> Option<Error> {
    let message = match err {
        SdkError::TimeoutError(_) => "no answer in time".to_owned(),
        SdkError::DispatchFailure(d) => {
            let chain = d.as_connector_error().map_or_else(
                || format!("{d:?}"),
                |c| aws_smithy_types::error::display::DisplayErrorContext(c).to_string(),
            );
            if let Some(e) = crate::net::diagnose::explain(endpoint, &chain) {
                return Some(e);
            }
            let detail = format!("{d:?}");
            if detail.contains("Connect") || d.is_io() || d.is_timeout() {
                "cannot connect".to_owned()
            } else {
                "the request could not be sent".to_owned()
            }
        }
        _ => return None,
    };
    Some(Error::SsoUnreachable {
        endpoint: endpoint.to_owned(),
        message,
    })
}
