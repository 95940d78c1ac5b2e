use crate::ids::{AccountId, CalendarId};
use serde::{Deserialize, Serialize};

/// Where an account's data lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provider {
    /// Stored only in the local SQLite file.
    Local,
    CalDav,
    Google,
    Microsoft,
    /// A read-only iCalendar subscription (webcal / https).
    IcsSubscription,
}

impl Provider {
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Local => "local",
            Provider::CalDav => "caldav",
            Provider::Google => "google",
            Provider::Microsoft => "microsoft",
            Provider::IcsSubscription => "ics",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "local" => Provider::Local,
            "caldav" => Provider::CalDav,
            "google" => Provider::Google,
            "microsoft" => Provider::Microsoft,
            "ics" => Provider::IcsSubscription,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: AccountId,
    pub name: String,
    pub provider: Provider,
    /// The server (CalDAV) or file (ICS subscription) URL; never holds credentials.
    pub url: Option<String>,
    /// The CalDAV user name or the signed-in e-mail address.
    pub username: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Calendar {
    pub id: CalendarId,
    pub account_id: AccountId,
    pub name: String,
    /// CSS colour, `#rrggbb`.
    pub color: String,
    pub visible: bool,
    pub read_only: bool,
}
