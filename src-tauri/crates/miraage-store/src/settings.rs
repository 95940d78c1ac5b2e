//! Small user settings as JSON values under string keys.

use crate::error::{Result, StoreError};
use crate::open::Store;
use rusqlite::OptionalExtension;
use serde::{de::DeserializeOwned, Serialize};

impl Store {
    /// The setting stored under `key`, read as `T` (`None` when it was never set).
    ///
    /// # Errors
    ///
    /// [`StoreError::Corrupt`] when the stored value does not read as `T`; [`StoreError::Sqlite`]
    /// when the database cannot be read.
    pub fn setting<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        let text: Option<String> =
            self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?;
        text.map(|t| serde_json::from_str(&t).map_err(|e| StoreError::Corrupt(format!("setting {key}: {e}"))))
            .transpose()
    }

    /// Stores `value` under `key` as JSON, replacing what was there.
    ///
    /// # Errors
    ///
    /// [`StoreError::Invalid`] when `value` cannot be written as JSON; [`StoreError::Sqlite`] when
    /// the database cannot be written.
    pub fn set_setting<T: Serialize>(&mut self, key: &str, value: &T) -> Result<()> {
        let text = serde_json::to_string(value).map_err(|e| StoreError::Invalid(e.to_string()))?;
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, &text],
        )?;
        Ok(())
    }
}
