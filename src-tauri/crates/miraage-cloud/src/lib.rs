//! Miraage's cloud providers behind [`miraage_sync::Provider`]:
//!
//! - [`google::GoogleProvider`]: Google Calendar API v3 (calendar list, events with sync
//!   tokens, series as master + exceptions) and Google Tasks API v1 (task lists, tasks by
//!   `updatedMin`).
//! - [`graph::GraphProvider`]: Microsoft Graph v1.0 (calendars, events by delta, To Do).
//!
//! Both sign their requests with a [`miraage_oauth::Session`] (refresh before expiry and
//! after a 401), retry throttled requests after `Retry-After` ([`api`]), and map failures to
//! [`miraage_sync::SyncError`] without tokens or query strings in messages.

pub mod api;
pub mod free_busy;
pub mod google;
pub mod graph;
mod origin;

pub use api::{Api, RetryPolicy};
