//! Links the system hands Miraage: `webcal://` and `webcals://` (subscribe to a calendar) and
//! `miraage://open?date=YYYY-MM-DD`. A link that cannot be used is refused with a sentence
//! saying what is wrong; nothing changes.

use crate::error::{Result, ServiceError};
use chrono::NaiveDate;

/// The longest link accepted: a subscription URL is a line, not a document.
const MAX_LEN: usize = 2048;

/// What a link asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// Open the subscribe form filled with this URL (`webcal://` kept: the subscription reads it).
    Subscribe(String),
    /// Show the week of this day.
    OpenDate(NaiveDate),
    /// The answer of an OAuth sign-in in the browser (handled by the sign-in in progress).
    SignIn(String),
}

/// Reads a link.
///
/// # Errors
/// [`ServiceError::Refused`] naming what is wrong: too long, no host, a `miraage://` path
/// Miraage does not know, a date that is not `YYYY-MM-DD`.
pub fn parse(link: &str) -> Result<Link> {
    let refuse = |why: String| Err(ServiceError::Refused(why));
    let link = link.trim();
    if link.len() > MAX_LEN {
        return refuse(format!(
            "This link is too long to be a calendar link ({} characters; at most {MAX_LEN}).",
            link.len()
        ));
    }
    let Some((scheme, rest)) = link.split_once("://") else {
        return refuse("This is not a link Miraage can open: it has no scheme (webcal://, miraage://).".into());
    };
    match scheme.to_ascii_lowercase().as_str() {
        "webcal" | "webcals" => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            if host.is_empty() || host.chars().any(|c| c.is_whitespace() || c.is_control()) {
                return refuse(
                    "This calendar link names no server: check the link on the page you copied it from.".into(),
                );
            }
            Ok(Link::Subscribe(format!("{}://{rest}", scheme.to_ascii_lowercase())))
        }
        "miraage" => {
            let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
            match path.trim_end_matches('/') {
                "open" => {
                    let date = query.split('&').find_map(|kv| kv.strip_prefix("date="));
                    match date.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d")) {
                        Some(Ok(d)) => Ok(Link::OpenDate(d)),
                        _ => refuse("A miraage://open link needs a day, as in miraage://open?date=2026-11-23.".into()),
                    }
                }
                "oauth" | "oauth/callback" => Ok(Link::SignIn(link.to_string())),
                other => refuse(format!(
                    "Miraage does not know the link “miraage://{}”: it opens miraage://open?date=YYYY-MM-DD.",
                    other.chars().take(40).collect::<String>()
                )),
            }
        }
        other => refuse(format!(
            "Miraage does not open “{}://” links, only webcal://, webcals:// and miraage://.",
            other.chars().take(20).collect::<String>()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_and_open_links_are_read() {
        assert_eq!(
            parse("webcal://example.com/holidays.ics").unwrap(),
            Link::Subscribe("webcal://example.com/holidays.ics".into())
        );
        assert_eq!(
            parse("WEBCALS://example.com/a.ics").unwrap(),
            Link::Subscribe("webcals://example.com/a.ics".into())
        );
        assert_eq!(
            parse("miraage://open?date=2026-11-23").unwrap(),
            Link::OpenDate(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())
        );
    }

    #[test]
    fn malformed_links_are_refused_with_a_sentence() {
        for (link, says) in [
            ("webcal://", "names no server"),
            ("webcal:///path.ics", "names no server"),
            ("miraage://delete-everything", "does not know the link"),
            ("miraage://open?date=23.11.2026", "needs a day"),
            ("miraage://open", "needs a day"),
            ("https://example.com", "does not open “https://” links"),
            ("holidays.ics", "has no scheme"),
        ] {
            let err = parse(link).unwrap_err();
            assert_eq!(err.code(), crate::ErrorCode::Invalid);
            assert!(err.to_string().contains(says), "{link}: {err}");
        }
        let huge = format!("webcal://example.com/?q={}", "a".repeat(5000));
        assert!(parse(&huge).unwrap_err().to_string().contains("too long"));
    }
}
