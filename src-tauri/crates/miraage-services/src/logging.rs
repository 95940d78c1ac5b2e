//! Structured logs: `tracing` events of Miraage's own crates, one JSON object a line, in a
//! file in the platform's log folder that rolls over at [`MAX_FILE_BYTES`] (the current file
//! and [`KEPT_FILES`] older ones). What may be in them is decided here, once: string values
//! lose any credentials a URL carries, and fields that could hold a secret or what the user
//! wrote (titles, notes, places, people) are never written, whatever a call site passes.

use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

/// The current log file's name in the log folder.
pub const FILE_NAME: &str = "miraage.log";
/// A file larger than this is rolled over to `miraage.1.log`.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;
/// Older files kept (`miraage.1.log` … `miraage.3.log`).
pub const KEPT_FILES: usize = 3;
/// The setting that holds the level (`error`, `warn`, `info`, `debug`, `trace`).
pub const LEVEL_SETTING: &str = "log_level";

/// Fields whose values are never written: secrets, and what the user wrote.
const WITHHELD: &[&str] = &[
    "password",
    "secret",
    "token",
    "authorization",
    "cookie",
    "title",
    "summary",
    "notes",
    "description",
    "location",
    "attendee",
    "attendees",
    "organizer",
    "email",
];

/// The platform's log folder: `MIRAAGE_LOG_DIR` if set; else `~/.local/state/miraage/logs`
/// (XDG state) on Linux, `~/Library/Logs/Miraage` on macOS, `%LOCALAPPDATA%\Miraage\logs`
/// on Windows.
pub fn log_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("MIRAAGE_LOG_DIR") {
        return PathBuf::from(dir);
    }
    if cfg!(target_os = "macos") {
        if let Some(home) = dirs::home_dir() {
            return home.join("Library").join("Logs").join("Miraage");
        }
    }
    match dirs::state_dir() {
        Some(state) => state.join("miraage").join("logs"),
        None => dirs::data_local_dir().unwrap_or_else(std::env::temp_dir).join("Miraage").join("logs"),
    }
}

/// The level to log at: `MIRAAGE_LOG` wins over the setting; `info` when neither names one.
pub fn level_from(env: Option<&str>, setting: Option<&str>) -> Level {
    [env, setting].into_iter().flatten().find_map(|s| s.trim().parse().ok()).unwrap_or(Level::INFO)
}

/// Starts logging to `dir` at `level` for the rest of the process. A second call (or another
/// subscriber already installed) leaves the first in place.
///
/// # Errors
/// The I/O error when the folder or the file cannot be made.
pub fn init(dir: &Path, level: Level) -> std::io::Result<()> {
    let file = RollingFile::open(dir)?;
    let _ = tracing::subscriber::set_global_default(JsonLines { level, file: Mutex::new(file) });
    Ok(())
}

/// Starts logging as the app and the CLI do: into [`log_dir`], at the level `MIRAAGE_LOG` or
/// the setting names; returns that level. A log that cannot be opened does not stop the
/// program: why is said on stderr once.
pub fn start(store: &miraage_store::Store) -> Level {
    let level = level(store);
    let dir = log_dir();
    if let Err(e) = init(&dir, level) {
        eprintln!("miraage: no log is written: {} cannot be opened ({e})", dir.join(FILE_NAME).display());
    }
    level
}

/// The level `MIRAAGE_LOG` or the setting names (see [`level_from`]).
pub fn level(store: &miraage_store::Store) -> Level {
    let setting: Option<String> = store.setting(LEVEL_SETTING).ok().flatten();
    level_from(std::env::var("MIRAAGE_LOG").ok().as_deref(), setting.as_deref())
}

/// Saves the level for the next start (`MIRAAGE_LOG` still wins).
///
/// # Errors
/// [`crate::ServiceError::Invalid`] naming the level when it is none of `error`, `warn`,
/// `info`, `debug`, `trace`; store failures.
pub fn save_level(store: &mut miraage_store::Store, level: &str) -> crate::Result<Level> {
    let parsed: Level = level.trim().parse().map_err(|_| crate::ServiceError::Invalid {
        what: "log level",
        value: level.to_string(),
        expected: "error, warn, info, debug or trace",
    })?;
    store.set_setting(LEVEL_SETTING, &parsed.as_str().to_ascii_lowercase())?;
    Ok(parsed)
}

/// The last `n` lines of the current log file (fewer if it is shorter; none if it is missing).
pub fn tail(dir: &Path, n: usize) -> Vec<String> {
    let Ok(file) = File::open(dir.join(FILE_NAME)) else { return Vec::new() };
    let mut last = std::collections::VecDeque::with_capacity(n + 1);
    for line in BufReader::new(file).lines().map_while(Result::ok) {
        last.push_back(line);
        if last.len() > n {
            last.pop_front();
        }
    }
    last.into()
}

/// A string value as it may be written: every URL in it without credentials.
fn scrub(value: &str) -> String {
    if !value.contains("://") {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    for (i, word) in value.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        match word.find("://") {
            Some(at) => {
                // Quotes and brackets around the URL stay as they are.
                let start = word[..at].rfind(|c: char| !c.is_ascii_alphanumeric()).map_or(0, |p| p + 1);
                let end = word[at..].find(['"', '\'', '<', '>', ')', ']', ',', ';']).map_or(word.len(), |e| at + e);
                out.push_str(&word[..start]);
                out.push_str(&miraage_sync::redact(&word[start..end]));
                out.push_str(&word[end..]);
            }
            None => out.push_str(word),
        }
    }
    out
}

fn withheld(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    WITHHELD.iter().any(|w| name == *w || name.ends_with(&format!("_{w}")))
}

/// The log file, rolled over by size.
struct RollingFile {
    dir: PathBuf,
    file: File,
    written: u64,
}

impl RollingFile {
    fn open(dir: &Path) -> std::io::Result<Self> {
        fs::create_dir_all(dir)?;
        let path = dir.join(FILE_NAME);
        let file = OpenOptions::new().create(true).append(true).open(&path)?;
        let written = file.metadata()?.len();
        Ok(RollingFile { dir: dir.to_path_buf(), file, written })
    }

    fn older(&self, n: usize) -> PathBuf {
        self.dir.join(format!("miraage.{n}.log"))
    }

    fn write_line(&mut self, line: &str) {
        if self.written + line.len() as u64 > MAX_FILE_BYTES && self.written > 0 {
            // Best effort: a log that cannot roll over goes on growing rather than stop.
            for n in (1..KEPT_FILES).rev() {
                let _ = fs::rename(self.older(n), self.older(n + 1));
            }
            let _ = fs::rename(self.dir.join(FILE_NAME), self.older(1));
            if let Ok(fresh) = OpenOptions::new().create(true).append(true).open(self.dir.join(FILE_NAME)) {
                self.file = fresh;
                self.written = 0;
            }
        }
        if self.file.write_all(line.as_bytes()).is_ok() {
            self.written += line.len() as u64;
        }
    }
}

/// The subscriber: events of `miraage*` targets at `level` or above, as JSON lines. Spans
/// are not used.
struct JsonLines {
    level: Level,
    file: Mutex<RollingFile>,
}

impl Subscriber for JsonLines {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        *metadata.level() <= self.level && metadata.target().starts_with("miraage")
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let meta = event.metadata();
        let mut fields = serde_json::Map::new();
        fields.insert("ts".into(), chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true).into());
        fields.insert("level".into(), meta.level().as_str().into());
        fields.insert("target".into(), meta.target().into());
        event.record(&mut Fields(&mut fields));
        let mut line = serde_json::Value::Object(fields).to_string();
        line.push('\n');
        self.file.lock().unwrap_or_else(|p| p.into_inner()).write_line(&line);
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

struct Fields<'a>(&'a mut serde_json::Map<String, serde_json::Value>);

impl Fields<'_> {
    fn put(&mut self, field: &Field, value: serde_json::Value) {
        let value = if withheld(field.name()) { "[withheld]".into() } else { value };
        self.0.insert(field.name().to_string(), value);
    }
}

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.put(field, scrub(value).into());
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.put(field, value.into());
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.put(field, value.into());
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        self.put(field, value.into());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.put(field, scrub(&format!("{value:?}")).into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_level_comes_from_the_environment_then_the_setting() {
        assert_eq!(level_from(Some("debug"), Some("warn")), Level::DEBUG);
        assert_eq!(level_from(None, Some("warn")), Level::WARN);
        assert_eq!(level_from(Some("loud"), None), Level::INFO);
    }

    #[test]
    fn secrets_and_what_the_user_wrote_are_withheld_by_field_name() {
        for name in ["password", "refresh_token", "title", "event_summary", "notes"] {
            assert!(withheld(name), "{name}");
        }
        for name in ["account", "calendar", "pulled", "took_ms", "error"] {
            assert!(!withheld(name), "{name}");
        }
        let said = scrub("GET \"https://anna:hunter2@dav.example.com/cal/\" for anna@example.com failed");
        assert_eq!(said, "GET \"https://dav.example.com/cal/\" for anna@example.com failed");
    }

    #[test]
    fn the_file_rolls_over_and_keeps_three_older_ones() {
        let dir = tempfile::tempdir().unwrap();
        let mut f = RollingFile::open(dir.path()).unwrap();
        let line = format!("{}\n", "x".repeat(1023));
        for _ in 0..(MAX_FILE_BYTES / 1024 * 5) {
            f.write_line(&line);
        }
        let names: Vec<String> = {
            let mut v: Vec<String> =
                fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
            v.sort();
            v
        };
        assert_eq!(names, ["miraage.1.log", "miraage.2.log", "miraage.3.log", "miraage.log"]);
        assert!(fs::metadata(dir.path().join(FILE_NAME)).unwrap().len() <= MAX_FILE_BYTES);
        assert_eq!(tail(dir.path(), 2).len(), 2);
    }
}
