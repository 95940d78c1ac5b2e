use crate::error::AppError;
use chrono_tz::Tz;
use miraage_store::Store;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What the commands share: the open store (or why it could not be opened) and the user's
/// zone.
pub struct AppState {
    store: Result<Arc<Mutex<Store>>, String>,
    pub db_path: PathBuf,
    pub zone: Tz,
}

impl AppState {
    pub fn open(data_dir: Option<&Path>, refresh_demo: bool) -> Self {
        let db_path = std::env::var_os("MIRAAGE_DB")
            .map(PathBuf::from)
            .or_else(|| data_dir.map(|d| d.join("miraage.db")))
            .unwrap_or_else(|| PathBuf::from("miraage.db"));
        let zone = miraage_domain::zone::local_zone();
        let store = Store::open(&db_path).and_then(|mut store| {
            let today = chrono::Utc::now().with_timezone(&zone).date_naive();
            if refresh_demo {
                store.seed_demo(today, zone)?;
            } else {
                store.seed_demo_on_first_run(today, zone)?;
            }
            Ok(store)
        });
        AppState { store: store.map(|s| Arc::new(Mutex::new(s))).map_err(|e| e.to_string()), db_path, zone }
    }

    /// The shared store, for work that locks it briefly itself (the sync engine).
    pub fn store_handle(&self) -> Result<Arc<Mutex<Store>>, AppError> {
        self.store.clone().map_err(AppError::Unavailable)
    }

    pub fn open_error(&self) -> Option<&str> {
        self.store.as_ref().err().map(String::as_str)
    }

    /// Runs `f` with the store on a blocking thread, so that a long query never stalls the
    /// async runtime that serves the window.
    pub async fn with_store<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store, Tz) -> Result<T, AppError> + Send + 'static,
    {
        let store = self.store.clone().map_err(AppError::Unavailable)?;
        let zone = self.zone;
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = store.lock().map_err(|_| AppError::Unavailable("the store lock is poisoned".into()))?;
            f(&mut guard, zone)
        })
        .await
        .map_err(|e| AppError::Join(e.to_string()))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let state = with_db(&db, || AppState::open(None, false));
        assert_eq!(state.open_error(), None);
        assert_eq!(state.db_path, db);
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let events = rt.block_on(state.with_store(|s, _| Ok(s.count_events()?))).unwrap();
        assert!(events > 10, "the demo week was seeded: {events}");

        let foreign = dir.path().join("notes.db");
        std::fs::write(&foreign, "not a database").unwrap();
        let state = with_db(&foreign, || AppState::open(None, false));
        let err = state.open_error().expect("refused").to_string();
        assert!(err.contains("notes.db") && err.contains("not a Miraage database"), "{err}");
        assert_eq!(std::fs::read_to_string(&foreign).unwrap(), "not a database");
        let unavailable = rt.block_on(state.with_store(|s, _| Ok(s.count_events()?))).unwrap_err();
        assert!(unavailable.to_string().contains("could not be opened"), "{unavailable}");
    }
}
