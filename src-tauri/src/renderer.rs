//! Which WebKitGTK renderer the window uses on Linux.
//!
//! WebKitGTK's default DMA-BUF renderer hands frames to the UI process as GPU buffers. On a
//! machine without a DRM render node (no GPU driver: most VMs, remote desktops, Xvfb) it
//! composites through Mesa's software GL instead, and a busy week then took about three
//! times as long to reach the screen (`tests/bench/window_bench.sh`: 344 ms against 101 ms
//! for 300 events and 100 ghosts). Without a render node the older shared-memory path is
//! used instead. With a GPU nothing changes, and a value the user set always wins.

/// The environment variable WebKitGTK reads at start-up.
const VAR: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";

/// Whether `dri` (normally `/dev/dri`) holds a render node (`renderD128`, ...).
fn has_render_node(dri: &std::path::Path) -> bool {
    std::fs::read_dir(dri)
        .map(|entries| entries.flatten().any(|e| e.file_name().to_string_lossy().starts_with("renderD")))
        .unwrap_or(false)
}

/// What to set, if anything: `None` when the user chose or a GPU is there.
fn choice(user_value: Option<std::ffi::OsString>, dri: &std::path::Path) -> Option<&'static str> {
    if user_value.is_some() || has_render_node(dri) {
        None
    } else {
        Some("1")
    }
}

/// Call first thing in `main`, before any thread starts (it sets an environment variable).
pub fn choose() {
    if cfg!(target_os = "linux") {
        if let Some(value) = choice(std::env::var_os(VAR), std::path::Path::new("/dev/dri")) {
            std::env::set_var(VAR, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shared_memory_path_only_without_a_render_node_and_never_over_the_users_choice() {
        let dir = tempfile::tempdir().unwrap();
        let dri = dir.path().join("dri");
        // No /dev/dri at all, or one with only a primary node: no GPU to render with.
        assert_eq!(choice(None, &dri), Some("1"));
        std::fs::create_dir(&dri).unwrap();
        std::fs::write(dri.join("card0"), "").unwrap();
        assert_eq!(choice(None, &dri), Some("1"));
        std::fs::write(dri.join("renderD128"), "").unwrap();
        assert_eq!(choice(None, &dri), None);
        // The user's value stays, whatever it is.
        assert_eq!(choice(Some("0".into()), dir.path()), None);
    }
}
