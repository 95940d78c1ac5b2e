//! Typed identifiers. Each is an opaque string (a UUIDv7 for records made here, so that ids sort
//! by creation time) wrapped in its own type.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// A fresh, time-ordered id.
            pub fn new() -> Self {
                Self(uuid::Uuid::now_v7().to_string())
            }
            /// Wraps an id read back from storage or from a provider.
            pub fn from_string(s: impl Into<String>) -> Self {
                Self(s.into())
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(/// An account: the built-in local one, or a connected provider.
    AccountId);
id_type!(/// A calendar of an account.
    CalendarId);
id_type!(/// A stored event row: a one-off event, a recurring master or an override.
    EventId);
id_type!(/// A task list of an account.
    TaskListId);
id_type!(/// A task.
    TaskId);
id_type!(/// A block of planned time for a task.
    PlanBlockId);
