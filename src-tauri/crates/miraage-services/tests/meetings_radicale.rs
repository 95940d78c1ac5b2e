//! Declining someone else's meeting reaches a real Radicale server: the user's ATTENDEE says
//! PARTSTAT=DECLINED in the object the server keeps, everyone else's answer and the meeting
//! itself unchanged. CalDAV does not mark which attendee is the user: the account's user name
//! (an address) says.

#[path = "../../miraage-caldav/tests/support/mod.rs"]
#[allow(unused_imports)]
mod support;

use miraage_caldav::{CalDavClient, CalDavProvider, Credentials};
use miraage_services::meetings::{respond, DeclineAsk};
use miraage_store::Store;
use miraage_sync::engine::Engine;
use std::sync::Mutex;
use support::{Radicale, PASSWORD, USER};

const WORK: &str = "/alice/work/";
const BERLIN: chrono_tz::Tz = chrono_tz::Europe::Berlin;

async fn sync(server: &Radicale, store: &Mutex<Store>, account: &miraage_domain::Account) {
    let provider =
        CalDavProvider::new(CalDavClient::new(&server.url, Credentials::new(USER, PASSWORD)).unwrap(), BERLIN);
    let report = Engine::new(store, &provider, account.clone()).forced(true).run().await.expect("sync");
    assert!(report.collections.iter().all(|c| c.error.is_none()), "{report:?}");
    assert_eq!(store.lock().unwrap().outbox_len().unwrap(), 0, "everything sent: {report:?}");
}

#[tokio::test]
async fn a_declined_meeting_reaches_radicale_as_the_users_partstat() {
    let server = Radicale::start();
    server.make_calendar(WORK, "Work", "#3366ffff").await;
    server
        .put_raw(
            &format!("{WORK}budget.ics"),
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Another client//EN\r\nBEGIN:VEVENT\r\nUID:budget-1@example.com\r\n\
             DTSTAMP:20261101T090000Z\r\nDTSTART:20261124T090000Z\r\nDTEND:20261124T100000Z\r\nSUMMARY:Budget\r\n\
             ORGANIZER;CN=Bruno Lima:mailto:bruno@example.com\r\n\
             ATTENDEE;PARTSTAT=ACCEPTED:mailto:bruno@example.com\r\n\
             ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:alice@example.com\r\n\
             ATTENDEE;PARTSTAT=TENTATIVE:mailto:ana@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        )
        .await;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("miraage.db")).unwrap();
    let account = store
        .add_account("Radicale", miraage_domain::Provider::CalDav, Some(&server.url), Some("alice@example.com"))
        .unwrap();
    let store = Mutex::new(store);
    sync(&server, &store, &account).await;

    let ask = DeclineAsk { uid: "budget-1@example.com".into(), ..DeclineAsk::default() };
    let view = respond::decline(&mut store.lock().unwrap(), &ask).unwrap();
    assert_eq!(view.message, "Declined “Budget”: Bruno Lima is told at the next sync.");
    sync(&server, &store, &account).await;

    let items = server.items(WORK).await;
    assert_eq!(items.len(), 1);
    let body = items[0].1.replace("\r\n ", "");
    let line = |who: &str| {
        body.lines().find(|l| l.starts_with("ATTENDEE") && l.contains(who)).unwrap_or_else(|| panic!("{who}: {body}"))
    };
    assert!(line("mailto:alice@example.com").contains("PARTSTAT=DECLINED"), "{body}");
    assert!(line("mailto:bruno@example.com").contains("PARTSTAT=ACCEPTED"), "{body}");
    assert!(line("mailto:ana@example.com").contains("PARTSTAT=TENTATIVE"), "{body}");
    assert!(body.contains("SUMMARY:Budget") && body.contains("DTSTART:20261124T090000Z"), "{body}");
    assert!(body.contains("ORGANIZER;CN=Bruno Lima:mailto:bruno@example.com"), "{body}");
}
