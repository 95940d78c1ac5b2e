use chrono_tz::Tz;
use miraage_services::open::{db_path, open, Demo};
use miraage_services::{Result, ServiceError};
use miraage_store::Store;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// What the commands share: the open store (or why it could not be opened) and the user's
/// zone.
pub struct AppState {
    store: std::result::Result<Arc<Mutex<Store>>, String>,
    pub db_path: PathBuf,
    pub zone: Tz,
}

impl AppState {
    /// Opens the database the services choose (`MIRAAGE_DB`, else the data folder); a new
    /// one gets the demo week, `refresh_demo` lays it anew.
    pub fn open(refresh_demo: bool) -> Self {
        let zone = miraage_domain::zone::local_zone();
        let db_path = db_path(None).unwrap_or_else(|_| PathBuf::from("miraage.db"));
        let store = open(&db_path, zone, if refresh_demo { Demo::Refresh } else { Demo::OnFirstRun });
        if let Ok(store) = &store {
            miraage_services::logging::start(store);
        }
        AppState { store: store.map(|s| Arc::new(Mutex::new(s))).map_err(|e| e.to_string()), db_path, zone }
    }

    /// The shared store, for work that locks it briefly itself (the sync engine).
    pub fn store_handle(&self) -> Result<Arc<Mutex<Store>>> {
        self.store.clone().map_err(ServiceError::Unavailable)
    }

    pub fn open_error(&self) -> Option<&str> {
        self.store.as_ref().err().map(String::as_str)
    }

    /// Runs `f` with the store on a blocking thread, so that a long query never stalls the
    /// async runtime that serves the window.
    pub async fn with_store<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store, Tz) -> Result<T> + Send + 'static,
    {
        let store = self.store_handle()?;
        let zone = self.zone;
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = store.lock().map_err(|_| ServiceError::Unavailable("the store lock is poisoned".into()))?;
            f(&mut guard, zone)
        })
        .await
        .map_err(|e| ServiceError::Join(e.to_string()))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn with_db<T>(path: &Path, f: impl FnOnce() -> T) -> T {
        // The only test in this crate that sets MIRAAGE_DB; tests in one binary share the
        // environment, so keep them in one function.
        std::env::set_var("MIRAAGE_DB", path);
        let out = f();
        std::env::remove_var("MIRAAGE_DB");
        out
    }

    #[test]
    fn a_new_database_gets_the_demo_and_a_foreign_file_is_reported_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("app.db");
        let state = with_db(&db, || AppState::open(false));
        assert_eq!(state.open_error(), None);
        assert_eq!(state.db_path, db);
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let events = rt.block_on(state.with_store(|s, _| Ok(s.count_events()?))).unwrap();
        assert!(events > 10, "the demo week was seeded: {events}");

        let foreign = dir.path().join("notes.db");
        std::fs::write(&foreign, "not a database").unwrap();
        let state = with_db(&foreign, || AppState::open(false));
        let err = state.open_error().expect("refused").to_string();
        assert!(err.contains("notes.db") && err.contains("not a Miraage database"), "{err}");
        assert_eq!(std::fs::read_to_string(&foreign).unwrap(), "not a database");
        let unavailable = rt.block_on(state.with_store(|s, _| Ok(s.count_events()?))).unwrap_err();
        assert!(unavailable.to_string().contains("could not be opened"), "{unavailable}");
        assert_eq!(unavailable.code(), miraage_services::ErrorCode::Unavailable);
    }
}
