//! Who is calling and what they may see. Every protected handler takes a [`Caller`]; the
//! extractor verifies the token, refuses revoked clients and applies the rate limit, so a handler
//! cannot forget any of it. Object-level checks (`may_access_unit`, …) live here too.

pub mod keys;
pub mod secrets;
pub mod token_guard;
pub mod tokens;

use std::collections::{BTreeSet, HashMap};
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use futures_util::future::LocalBoxFuture;
use governor::middleware::StateInformationMiddleware;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::problem::ApiError;
use crate::AppState;
use keys::KeySet;
use tokens::TokenSettings;

pub use isu_domain::Role;

/// The scopes a token of a role carries unless the request narrows them.
pub trait RoleScopes {
    fn scopes(self) -> &'static [&'static str];
}

impl RoleScopes for Role {
    fn scopes(self) -> &'static [&'static str] {
        match self {
            Role::Admin => &[scope::ADMIN, scope::REFERENCE_READ, scope::STATS_READ],
            Role::Vendor | Role::Registrar => {
                &[scope::CASES_WRITE, scope::CASES_READ, scope::REFERENCE_READ, scope::STATS_READ]
            }
            Role::RegionAnalyst => &[scope::CASES_READ, scope::REFERENCE_READ, scope::STATS_READ],
            Role::Analyst => &[scope::REFERENCE_READ, scope::STATS_READ],
        }
    }
}

/// OAuth scopes: what a token may be used for.
pub mod scope {
    pub const ADMIN: &str = "admin";
    pub const REFERENCE_READ: &str = "reference:read";
    pub const CASES_READ: &str = "cases:read";
    pub const CASES_WRITE: &str = "cases:write";
    pub const STATS_READ: &str = "stats:read";
}

/// The authenticated caller of this request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub client_id: String,
    pub role: Role,
    pub scopes: BTreeSet<String>,
    pub units: Vec<String>,
    pub municipalities: Vec<String>,
    pub region: Option<String>,
}

impl Caller {
    /// 403 unless the token carries `scope`.
    pub fn require_scope(&self, scope: &str) -> Result<(), ApiError> {
        if self.scopes.contains(scope) {
            Ok(())
        } else {
            Err(ApiError::Forbidden(format!("this operation needs the `{scope}` scope")))
        }
    }

    /// 403 unless the caller has one of `roles`.
    pub fn require_role(&self, roles: &[Role]) -> Result<(), ApiError> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            let names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
            Err(ApiError::Forbidden(format!("this operation needs the role {}", names.join(" or "))))
        }
    }

    /// 403 unless admin (with the `admin` scope).
    pub fn require_admin(&self) -> Result<(), ApiError> {
        self.require_role(&[Role::Admin])?;
        self.require_scope(scope::ADMIN)
    }

    /// May this caller see the cases of a unit? Vendors and registrars: their units, or all units
    /// of their municipalities; a region analyst: units in its region's municipalities.
    /// `unit_region` is the region of the unit's municipality, if any.
    pub fn may_access_unit(&self, unit_id: &str, unit_municipality: &str, unit_region: Option<&str>) -> bool {
        match self.role {
            Role::Vendor | Role::Registrar => {
                self.units.iter().any(|u| u == unit_id) || self.municipalities.iter().any(|m| m == unit_municipality)
            }
            Role::RegionAnalyst => self.region.is_some() && self.region.as_deref() == unit_region,
            Role::Admin | Role::Analyst => false,
        }
    }
}

/// Authentication settings and per-instance state (keys, caches, limiters).
pub struct AuthState {
    pub keys: KeySet,
    pub tokens: TokenSettings,
    revocations: RevocationCache,
    requests: DefaultKeyedRateLimiter<String, StateInformationMiddleware>,
    /// The token endpoint's failure limits and its bound on concurrent secret hashing.
    pub token_guard: token_guard::TokenGuard,
}

impl AuthState {
    pub fn new(keys: KeySet, tokens: TokenSettings, limits: &RateLimits) -> Self {
        let per_second = NonZeroU32::new(limits.requests_per_second.max(1)).unwrap_or(NonZeroU32::MIN);
        let burst = NonZeroU32::new(limits.burst.max(1)).unwrap_or(NonZeroU32::MIN);
        Self {
            keys,
            tokens,
            revocations: RevocationCache::new(limits.revocation_check),
            requests: RateLimiter::keyed(Quota::per_second(per_second).allow_burst(burst))
                .with_middleware::<StateInformationMiddleware>(),
            token_guard: token_guard::TokenGuard::new(&token_guard::TokenGuardSettings {
                failures_per_client_per_minute: limits.token_failures_per_minute,
                failures_per_address_per_minute: limits.token_failures_per_address_per_minute,
                hashing_concurrency: limits.token_hashing_concurrency,
                hashing_queue: limits.token_hashing_queue,
                trusted_proxies: limits.trusted_proxies.clone(),
            }),
        }
    }

    /// Consumes one request from the client's bucket; 429 with `Retry-After` when empty. Either
    /// way the bucket's state is returned for the `RateLimit-*` response headers.
    pub fn rate_limit(&self, client_id: &str) -> (RateLimitState, Result<(), ApiError>) {
        match self.requests.check_key(&client_id.to_string()) {
            Ok(snapshot) => {
                let quota = snapshot.quota();
                let limit = quota.burst_size().get();
                let remaining = snapshot.remaining_burst_capacity();
                let missing = u64::from(limit.saturating_sub(remaining));
                let reset = (quota.replenish_interval() * u32::try_from(missing).unwrap_or(u32::MAX)).as_secs_f64();
                (RateLimitState { limit, remaining, reset_secs: reset.ceil() as u64 }, Ok(()))
            }
            Err(not_until) => {
                let wait =
                    not_until.wait_time_from(governor::clock::Clock::now(&governor::clock::DefaultClock::default()));
                let quota = not_until.quota();
                let full = quota.replenish_interval() * quota.burst_size().get();
                let state = RateLimitState {
                    limit: quota.burst_size().get(),
                    remaining: 0,
                    reset_secs: (wait + full).as_secs_f64().ceil() as u64,
                };
                (state, Err(ApiError::TooManyRequests { retry_after_secs: wait.as_secs().max(1) }))
            }
        }
    }
}

/// The response headers that carry a client's rate-limit state (IETF draft
/// `draft-ietf-httpapi-ratelimit-headers`, the three-field form), in this order.
pub const RATE_LIMIT_HEADERS: [&str; 3] = ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"];

/// A client's bucket after a request: put in the request's extensions by the [`Caller`]
/// extractor and sent as [`RATE_LIMIT_HEADERS`] by the request-id middleware.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimitState {
    /// Requests in a full bucket (the burst).
    pub limit: u32,
    /// Requests left after this one.
    pub remaining: u32,
    /// Seconds until the bucket is full again.
    pub reset_secs: u64,
}

impl RateLimitState {
    /// The header values, in the order of [`RATE_LIMIT_HEADERS`].
    pub fn header_values(&self) -> [String; 3] {
        [self.limit.to_string(), self.remaining.to_string(), self.reset_secs.to_string()]
    }
}

/// Rate limits, configurable per deployment.
#[derive(Debug, Clone)]
pub struct RateLimits {
    pub requests_per_second: u32,
    pub burst: u32,
    /// Failed token requests per client id per minute before 429.
    pub token_failures_per_minute: u32,
    /// Failed token requests per source address per minute before 429.
    pub token_failures_per_address_per_minute: u32,
    /// Secret verifications (Argon2, about 19 MiB each) running at once.
    pub token_hashing_concurrency: usize,
    /// Token requests that may wait for a verification slot; more get 429 at once.
    pub token_hashing_queue: usize,
    /// Peers whose `X-Forwarded-For` names the source address (reverse proxies).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// How long a client's revocation may take to reach this instance.
    pub revocation_check: Duration,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            requests_per_second: 100,
            burst: 200,
            token_failures_per_minute: 5,
            token_failures_per_address_per_minute: 30,
            token_hashing_concurrency: token_guard::default_hashing_concurrency(),
            token_hashing_queue: 32,
            trusted_proxies: Vec::new(),
            revocation_check: Duration::from_secs(30),
        }
    }
}

/// Remembers for a short time whether a client is active, so a revoked client's tokens stop
/// working within `ttl` without a database read on every request.
struct RevocationCache {
    ttl: Duration,
    entries: Mutex<HashMap<String, (bool, Instant)>>,
}

impl RevocationCache {
    fn new(ttl: Duration) -> Self {
        Self { ttl, entries: Mutex::new(HashMap::new()) }
    }

    fn get(&self, client_id: &str) -> Option<bool> {
        let entries = self.entries.lock().ok()?;
        entries.get(client_id).filter(|(_, at)| at.elapsed() < self.ttl).map(|(active, _)| *active)
    }

    fn put(&self, client_id: &str, active: bool) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() > 10_000 {
                entries.retain(|_, (_, at)| at.elapsed() < self.ttl);
            }
            entries.insert(client_id.to_string(), (active, Instant::now()));
        }
    }
}

fn bearer_token(req: &HttpRequest) -> Result<String, ApiError> {
    // Tokens in URLs end up in logs and browser histories (RFC 6750 §5.3): refused.
    if req.query_string().split('&').any(|pair| pair.split('=').next() == Some("access_token")) {
        return Err(ApiError::Unauthorized("send the token in the Authorization header, not the URL".into()));
    }
    let header = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .ok_or_else(|| ApiError::Unauthorized("this operation needs a Bearer token".into()))?;
    let value = header.to_str().map_err(|_| ApiError::Unauthorized("the Authorization header is malformed".into()))?;
    let (scheme, token) =
        value.split_once(' ').ok_or_else(|| ApiError::Unauthorized("the Authorization header is malformed".into()))?;
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(ApiError::Unauthorized("use `Authorization: Bearer <token>`".into()));
    }
    Ok(token.trim().to_string())
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| ApiError::internal("application state missing"))?
                .clone();
            let token = bearer_token(&req)?;
            let auth = &state.auth;
            let claims =
                tokens::verify(&auth.keys, &auth.tokens, &token).map_err(|r| ApiError::Unauthorized(r.0.into()))?;

            let active = match auth.revocations.get(&claims.client_id) {
                Some(active) => active,
                None => {
                    let client_id = claims.client_id.clone();
                    let active = state.db(move |conn| isu_store::clients::is_active(conn, &client_id)).await?;
                    auth.revocations.put(&claims.client_id, active);
                    active
                }
            };
            if !active {
                return Err(ApiError::Unauthorized("the client has been revoked".into()));
            }
            let (quota, allowed) = auth.rate_limit(&claims.client_id);
            req.extensions_mut().insert(quota);
            allowed?;

            let caller = Caller {
                client_id: claims.client_id,
                role: claims.role,
                scopes: claims.scope.split_whitespace().map(str::to_string).collect(),
                units: claims.units,
                municipalities: claims.municipalities,
                region: claims.region,
            };
            // For the audit log, written after the response.
            req.extensions_mut().insert(caller.clone());
            Ok(caller)
        })
    }
}

/// What an operation demands of its caller, checked by [`Authorized`] before any other input
/// (path, query, body) is looked at: a caller without the right role learns nothing about the
/// operation's fields.
pub trait Policy {
    fn check(caller: &Caller) -> Result<(), ApiError>;
}

/// Any authenticated client with `reference:read` (every role has it).
pub struct ReferenceReader;
impl Policy for ReferenceReader {
    fn check(caller: &Caller) -> Result<(), ApiError> {
        caller.require_scope(scope::REFERENCE_READ)
    }
}

/// Role `admin` with scope `admin`.
pub struct AdminOnly;
impl Policy for AdminOnly {
    fn check(caller: &Caller) -> Result<(), ApiError> {
        caller.require_admin()
    }
}

/// Vendors and registrars with `cases:write` (the unit is checked per request).
pub struct CaseWriter;
impl Policy for CaseWriter {
    fn check(caller: &Caller) -> Result<(), ApiError> {
        caller.require_role(&[Role::Vendor, Role::Registrar])?;
        caller.require_scope(scope::CASES_WRITE)
    }
}

/// Vendors, registrars and region analysts with `cases:read` (the unit is checked per request).
pub struct CaseReader;
impl Policy for CaseReader {
    fn check(caller: &Caller) -> Result<(), ApiError> {
        caller.require_role(&[Role::Vendor, Role::Registrar, Role::RegionAnalyst])?;
        caller.require_scope(scope::CASES_READ)
    }
}

/// Region analysts with `cases:read`.
pub struct RegionCaseReader;
impl Policy for RegionCaseReader {
    fn check(caller: &Caller) -> Result<(), ApiError> {
        caller.require_role(&[Role::RegionAnalyst])?;
        caller.require_scope(scope::CASES_READ)
    }
}

/// Region analysts with `stats:read` and `cases:read`: exact statistics need case-level rights
/// over the whole scope.
pub struct InternalStatsReader;
impl Policy for InternalStatsReader {
    fn check(caller: &Caller) -> Result<(), ApiError> {
        caller.require_role(&[Role::RegionAnalyst])?;
        caller.require_scope(scope::STATS_READ)?;
        caller.require_scope(scope::CASES_READ)
    }
}

/// Any authenticated client with `stats:read` (every role has it): protected statistics, or
/// exact ones where the caller has case-level rights over the whole scope (checked per request).
pub struct StatsReader;
impl Policy for StatsReader {
    fn check(caller: &Caller) -> Result<(), ApiError> {
        caller.require_scope(scope::STATS_READ)
    }
}

/// Admins, and region analysts with `stats:read` (the scope is checked per request).
pub struct ReleaseCreator;
impl Policy for ReleaseCreator {
    fn check(caller: &Caller) -> Result<(), ApiError> {
        caller.require_role(&[Role::Admin, Role::RegionAnalyst])?;
        caller.require_scope(scope::STATS_READ)
    }
}

/// A [`Caller`] that passed policy `P`. Put it first among a handler's parameters: actix
/// extracts parameters in order and stops at the first refusal.
pub struct Authorized<P: Policy> {
    pub caller: Caller,
    policy: std::marker::PhantomData<P>,
}

impl<P: Policy> std::ops::Deref for Authorized<P> {
    type Target = Caller;
    fn deref(&self) -> &Caller {
        &self.caller
    }
}

impl<P: Policy + 'static> FromRequest for Authorized<P> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let caller = Caller::from_request(req, payload);
        Box::pin(async move {
            let caller = caller.await?;
            P::check(&caller)?;
            Ok(Authorized { caller, policy: std::marker::PhantomData })
        })
    }
}
