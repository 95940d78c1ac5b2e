//! When to notify: a check every half minute sends the reminders that came due since the
//! last one (a long gap, the computer asleep, becomes one summary), and after each sync the
//! plan changes, newly at-risk tasks and accounts that need a sign-in. What to send is
//! decided in `miraage_services::companion::notices`; this only keeps the state between
//! checks and hands the notices to [`crate::notify`].

use crate::state::AppState;
use crate::{clock, notify};
use chrono::{DateTime, Duration, Utc};
use miraage_scheduling::PlanPreview;
use miraage_services::companion::{self, notices, settings};
use miraage_services::sync::SyncRun;
use miraage_services::ErrorCode;
use std::collections::BTreeSet;
use std::sync::Mutex;
use tauri::{AppHandle, Manager};

const CHECK: std::time::Duration = std::time::Duration::from_secs(30);
/// How far ahead reminders are looked for: the longest lead a setting allows.
const LOOKAHEAD_H: i64 = 25;

/// What the checks remember: the last instant checked, tasks already reported at risk,
/// accounts already told to sign in.
#[derive(Default)]
pub struct Notifier {
    since: Mutex<Option<DateTime<Utc>>>,
    at_risk: Mutex<BTreeSet<String>>,
    told: Mutex<BTreeSet<String>>,
}

/// Starts the reminder checks, from now on: nothing due before the app started is sent.
pub fn start(app: AppHandle) {
    app.manage(Notifier { since: Mutex::new(Some(clock::now())), ..Notifier::default() });
    tauri::async_runtime::spawn(async move {
        loop {
            check(&app).await;
            tokio::time::sleep(clock::every(CHECK)).await;
        }
    });
}

async fn check(app: &AppHandle) {
    let now = clock::now();
    let since = {
        let notifier = app.state::<Notifier>();
        let mut since = notifier.since.lock().unwrap_or_else(|p| p.into_inner());
        since.replace(now).unwrap_or(now)
    };
    if since >= now {
        return;
    }
    let due = app
        .state::<AppState>()
        .with_store(move |s, zone| {
            let agenda = companion::agenda(
                s,
                zone,
                now,
                since - Duration::hours(LOOKAHEAD_H),
                now + Duration::hours(LOOKAHEAD_H),
            )?;
            Ok(notices::reminders(&settings::load(s)?, &agenda, since, now, zone))
        })
        .await;
    match due {
        Ok(due) => due.into_iter().for_each(|n| notify::show(app, n)),
        Err(e) => eprintln!("miraage: reminders: {e}"),
    }
}

/// After a sync run: "your plan changed" (with what moved), tasks newly at risk, accounts
/// that need a sign-in; nothing under Do not disturb or during a focus event.
pub async fn after_sync(app: &AppHandle, run: &SyncRun, replan: Option<&PlanPreview>) {
    let Some(notifier) = app.try_state::<Notifier>() else { return };
    let now = clock::now();
    let quiet = app
        .state::<AppState>()
        .with_store(move |s, zone| {
            let agenda = companion::agenda(s, zone, now, now - Duration::hours(LOOKAHEAD_H), now + Duration::hours(1))?;
            Ok((notices::quiet(&settings::load(s)?, &agenda, now), zone))
        })
        .await;
    let Ok((false, zone)) = quiet else { return };
    let mut out = Vec::new();
    if let Some(p) = replan {
        out.extend(notices::plan_changed(p, zone, now));
        out.extend(notices::newly_at_risk(p, &mut notifier.at_risk.lock().unwrap_or_else(|p| p.into_inner())));
    }
    let (failing, synced): (Vec<_>, Vec<_>) = run.accounts.iter().partition(|(_, r)| {
        r.as_ref().err().is_some_and(|e| e.code() == ErrorCode::Unauthorized)
            || r.as_ref().ok().is_some_and(|rep| rep.errors().any(|(_, e)| e.to_string().contains("sign in")))
    });
    let names = |v: Vec<&(String, _)>| v.into_iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    let mut told = notifier.told.lock().unwrap_or_else(|p| p.into_inner());
    out.extend(notices::needs_sign_in(&names(failing), &names(synced), &mut told));
    drop(told);
    out.into_iter().for_each(|n| notify::show(app, n));
}
