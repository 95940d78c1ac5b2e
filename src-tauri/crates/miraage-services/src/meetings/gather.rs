//! The attendees' free/busy from each account that can answer: Google `freeBusy`, Microsoft
//! Graph `getSchedule` (split at 20 people and 62 days per call, with working hours). CalDAV
//! servers are not asked: RFC 6638 scheduling (a POST to the schedule outbox) is not offered by
//! Radicale, the server Miraage is tested against, so there only the user's own calendars
//! count, and the answer says so.

use super::slots::Person;
use chrono_tz::Tz;
use miraage_accounts::{AccountProvider, SyncContext};
use miraage_domain::{Provider, TimeRange};
use miraage_store::Store;
use std::sync::Mutex;

/// Google's `freeBusy` expands at most 50 calendars per call (`calendarExpansionMax`).
const GOOGLE_PER_CALL: usize = 50;

/// What the accounts said: one [`Person`] per address asked (unknown where none could
/// answer, with why), and sentences about accounts that could not be asked.
#[derive(Debug, Default)]
pub struct Gathered {
    pub people: Vec<Person>,
    pub notes: Vec<String>,
}

/// Asks every Google and Microsoft account for the free/busy of `emails` over `range`.
/// Never fails: an account that cannot answer is a note, and its people stay unknown.
pub async fn free_busy(store: &Mutex<Store>, zone: Tz, emails: &[String], range: &TimeRange) -> Gathered {
    if emails.is_empty() {
        return Gathered::default(); // no account to ask
    }
    free_busy_with(store, &crate::accounts::context(store, zone), emails, range).await
}

/// As [`free_busy`], the accounts reached through `ctx` (its keyring and API roots).
pub async fn free_busy_with(store: &Mutex<Store>, ctx: &SyncContext, emails: &[String], range: &TimeRange) -> Gathered {
    let mut out = Gathered {
        people: emails
            .iter()
            .map(|e| Person {
                email: e.clone(),
                unknown: Some("no account of yours can see their calendar".into()),
                ..Person::default()
            })
            .collect(),
        notes: Vec::new(),
    };
    if emails.is_empty() {
        return out;
    }
    let accounts = store.lock().unwrap_or_else(|p| p.into_inner()).remote_accounts().unwrap_or_default();
    let asked: Vec<&str> = emails.iter().map(String::as_str).collect();
    for account in accounts {
        let answers = match account.provider {
            Provider::Google | Provider::Microsoft => match ctx.connect(&account) {
                Ok(AccountProvider::Google(p)) => {
                    let mut all = Vec::new();
                    for chunk in asked.chunks(GOOGLE_PER_CALL) {
                        match p.free_busy(chunk, range).await {
                            Ok(a) => all.extend(a),
                            Err(e) => {
                                out.notes.push(format!("“{}” could not be asked for free/busy: {e}", account.name));
                                break;
                            }
                        }
                    }
                    all
                }
                Ok(AccountProvider::Microsoft(p)) => match p.get_schedule(&asked, range).await {
                    Ok(a) => a,
                    Err(e) => {
                        out.notes.push(format!("“{}” could not be asked for free/busy: {e}", account.name));
                        continue;
                    }
                },
                Ok(_) => continue,
                Err(e) => {
                    out.notes.push(format!("“{}” could not be asked for free/busy: {e}", account.name));
                    continue;
                }
            },
            Provider::CalDav => {
                out.notes.push(format!(
                    "“{}” (CalDAV) offers no free/busy of other people: only your own calendars there count.",
                    account.name
                ));
                continue;
            }
            _ => continue,
        };
        for a in answers {
            let Some(p) = out.people.iter_mut().find(|p| p.email.eq_ignore_ascii_case(&a.who)) else { continue };
            if p.unknown.is_none() {
                continue; // another account answered already
            }
            match a.error {
                None => {
                    p.unknown = None;
                    p.busy = a.busy;
                    p.working = a.working;
                }
                Some(why) => p.unknown = Some(format!("“{}” says: {why}", account.name)),
            }
        }
    }
    out
}

fn lock(store: &Mutex<Store>) -> std::sync::MutexGuard<'_, Store> {
    store.lock().unwrap_or_else(|p| p.into_inner())
}

/// [`super::find()`] with the attendees' free/busy asked of the accounts first.
///
/// # Errors
///
/// As [`super::find()`].
pub async fn find_asking(
    store: &Mutex<Store>,
    zone: Tz,
    now: chrono::DateTime<chrono::Utc>,
    ask: &super::FindAsk,
) -> crate::Result<super::FindAnswer> {
    let checked = super::find::check(&lock(store), now, ask)?;
    let gathered = free_busy(store, zone, &checked.attendees, &checked.range).await;
    answer_with(store, zone, now, ask, gathered)
}

/// As [`find_asking`], the accounts reached through `ctx` (its zone, keyring and API roots).
///
/// # Errors
///
/// As [`super::find()`].
pub async fn find_with(
    store: &Mutex<Store>,
    ctx: &SyncContext,
    now: chrono::DateTime<chrono::Utc>,
    ask: &super::FindAsk,
) -> crate::Result<super::FindAnswer> {
    let checked = super::find::check(&lock(store), now, ask)?;
    let gathered = free_busy_with(store, ctx, &checked.attendees, &checked.range).await;
    answer_with(store, ctx.zone, now, ask, gathered)
}

fn answer_with(
    store: &Mutex<Store>,
    zone: Tz,
    now: chrono::DateTime<chrono::Utc>,
    ask: &super::FindAsk,
    gathered: Gathered,
) -> crate::Result<super::FindAnswer> {
    let mut answer = super::find(&lock(store), zone, now, ask, &gathered.people)?;
    answer.notes.splice(0..0, gathered.notes);
    Ok(answer)
}

/// [`super::extend()`] with the attendees' free/busy over the added time asked first.
///
/// # Errors
///
/// As [`super::extend()`].
pub async fn extend_asking(
    store: &Mutex<Store>,
    zone: Tz,
    now: chrono::DateTime<chrono::Utc>,
    ask: &super::ExtendAsk,
) -> crate::Result<super::ExtendView> {
    let (emails, range) = {
        let store = lock(store);
        let d = crate::events::details(&store, zone, &ask.uid, ask.occurrence.as_deref(), None)?;
        let end = crate::events::instant("end", &d.end).unwrap_or(now);
        let emails: Vec<String> = d.attendees.iter().map(|a| a.email.trim().to_ascii_lowercase()).collect();
        (emails, TimeRange { start: end, end: end + chrono::Duration::minutes(ask.minutes.min(720).into()) })
    };
    let gathered = free_busy(store, zone, &emails, &range).await;
    super::extend(&mut lock(store), zone, now, ask, &gathered.people)
}

/// [`super::reschedule::propose`] or, with `accept`, [`super::reschedule::accept`], with the
/// free/busy of the day's meetings' attendees over the days looked at asked first.
///
/// # Errors
///
/// As those.
pub async fn reschedule_asking(
    store: &Mutex<Store>,
    zone: Tz,
    now: chrono::DateTime<chrono::Utc>,
    day: chrono::NaiveDate,
    within: u32,
    accept: bool,
) -> crate::Result<super::DayProposal> {
    // The proposal without anyone's free/busy names the meetings and so their attendees.
    let first = super::reschedule::propose(&lock(store), zone, now, day, within, &[])?;
    let mut emails: Vec<String> = Vec::new();
    {
        let store = lock(store);
        for item in first.items.iter().filter(|i| i.kind == "meeting") {
            let d = crate::events::details(&store, zone, &item.uid, item.occurrence.as_deref(), None)?;
            emails.extend(d.attendees.iter().map(|a| a.email.trim().to_ascii_lowercase()));
        }
    }
    emails.sort();
    emails.dedup();
    let start = miraage_domain::time::local_midnight(day, zone);
    let range = TimeRange { start, end: start + chrono::Duration::days(i64::from(within) * 2 + 3) };
    let gathered = free_busy(store, zone, &emails, &range).await;
    if accept {
        super::reschedule::accept(&mut lock(store), zone, now, day, within, &gathered.people)
    } else {
        super::reschedule::propose(&lock(store), zone, now, day, within, &gathered.people)
    }
}
