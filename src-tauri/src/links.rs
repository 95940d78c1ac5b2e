//! Deep links and a second launch: `webcal://` opens the subscribe form, `miraage://open?date=`
//! the week of that day; a link that cannot be used is shown as a sentence. A second launch
//! of Miraage focuses this one and hands over its arguments.

use miraage_services::companion::links::{self, Link};
use miraage_services::contract::{LINK_REFUSED, OPEN_DATE, SUBSCRIBE};
use tauri::{AppHandle, Emitter};

/// Handles the links among `args` (a second launch's command line, or the system's URLs).
pub fn handle(app: &AppHandle, args: impl IntoIterator<Item = String>) {
    for arg in args.into_iter().filter(|a| a.contains("://")) {
        crate::window::show(app);
        let sent = match links::parse(&arg) {
            Ok(Link::Subscribe(url)) => app.emit(SUBSCRIBE, url),
            Ok(Link::OpenDate(day)) => app.emit(OPEN_DATE, day.format("%Y-%m-%d").to_string()),
            // The OAuth sign-in in progress listens on its own loopback port.
            Ok(Link::SignIn(_)) => Ok(()),
            Err(e) => {
                eprintln!("miraage: link refused: {e}");
                app.emit(LINK_REFUSED, e.to_string())
            }
        };
        if let Err(e) = sent {
            eprintln!("miraage: link: {e}");
        }
    }
}
