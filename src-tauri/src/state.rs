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
