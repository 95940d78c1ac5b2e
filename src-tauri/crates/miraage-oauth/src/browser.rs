//! Opening the consent page. A trait, so that tests (and the Tauri shell, which may prefer
//! its opener plugin) can play the browser.

use url::Url;

pub trait Browser: Send + Sync {
    /// Shows `url` to the user; returns once the request to open it is made.
    ///
    /// # Errors
    ///
    /// A short reason, without the URL, when no browser could be asked to open it.
    fn open(&self, url: &Url) -> Result<(), String>;
}

/// The user's default browser, through the `webbrowser` crate.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemBrowser;

impl Browser for SystemBrowser {
    fn open(&self, url: &Url) -> Result<(), String> {
        webbrowser::open(url.as_str()).map_err(|e| e.kind().to_string())
    }
}
