//! Deep links and a second launch: `webcal://` opens the subscribe form, `miraage://open?date=`
//! the week of that day; a link that cannot be used is shown as a sentence. A second launch
//! of Miraage focuses this one and hands over its arguments. A link that starts Miraage waits
//! for the window's page to listen ([`crate::window::Mailbox`]).

use crate::window::send;
use miraage_services::companion::links::{self, Link};
use miraage_services::contract::{LINK_REFUSED, OPEN_DATE, SUBSCRIBE};
use tauri::AppHandle;

/// Handles the links among `args` (a second launch's command line, or the system's URLs).
pub fn handle(app: &AppHandle, args: impl IntoIterator<Item = String>) {
    for arg in args.into_iter().filter(|a| a.contains("://")) {
        match links::parse(&arg) {
            Ok(Link::Subscribe(url)) => send(app, SUBSCRIBE, url),
            Ok(Link::OpenDate(day)) => send(app, OPEN_DATE, day.format("%Y-%m-%d").to_string()),
            // The OAuth sign-in in progress listens on its own loopback port.
            Ok(Link::SignIn(_)) => {}
            Err(e) => {
                eprintln!("miraage: link refused: {e}");
                send(app, LINK_REFUSED, e.to_string());
            }
        }
    }
}
