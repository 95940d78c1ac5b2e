//! Which renderers WebKitGTK and GTK use on Linux.
//!
//! WebKitGTK's default DMA-BUF renderer hands frames to the UI process as GPU buffers. On a
//! machine without a DRM render node (no GPU driver: most VMs, remote desktops, Xvfb) it
//! composites through Mesa's software GL instead, and a busy week then took about three
//! times as long to reach the screen (`tests/bench/window_bench.sh`: 344 ms against 101 ms
//! for 300 events and 100 ghosts). Without a render node the older shared-memory path is
//! used instead.
//!
//! GTK, for its part, probes OpenGL when it opens the display, to choose its visuals; with no
//! GPU that loads Mesa's software renderer and LLVM with it (26 MB of the app's memory) even
//! while Miraage waits hidden in the tray with no window. Nothing of GTK's own drawing uses GL
//! here (WebKit keeps its own), so without a render node GTK's GL is switched off too. With a
//! GPU nothing changes, and a value the user set always wins.

/// The environment variables read at start-up, by WebKitGTK and by GTK, and the value that
/// switches each off.
const VARS: [(&str, &str); 2] = [("WEBKIT_DISABLE_DMABUF_RENDERER", "1"), ("GDK_GL", "disable")];

/// Whether `dri` (normally `/dev/dri`) holds a render node (`renderD128`, ...).
fn has_render_node(dri: &std::path::Path) -> bool {
    std::fs::read_dir(dri)
        .map(|entries| entries.flatten().any(|e| e.file_name().to_string_lossy().starts_with("renderD")))
        .unwrap_or(false)
}

/// Whether to switch the DMA-BUF renderer off: not when the user chose, nor with a GPU.
fn switch_off(user_chose: bool, dri: &std::path::Path) -> bool {
    !user_chose && !has_render_node(dri)
}

/// Call first thing in `main`, before any thread starts (it sets an environment variable).
pub fn choose() {
    if !cfg!(target_os = "linux") {
        return;
    }
    for (var, off) in VARS {
        if switch_off(std::env::var_os(var).is_some(), std::path::Path::new("/dev/dri")) {
            std::env::set_var(var, off);
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
        assert!(switch_off(false, &dri));
        std::fs::create_dir(&dri).unwrap();
        std::fs::write(dri.join("card0"), "").unwrap();
        assert!(switch_off(false, &dri));
        std::fs::write(dri.join("renderD128"), "").unwrap();
        assert!(!switch_off(false, &dri));
        // The user's value stays, whatever it is.
        assert!(!switch_off(true, dir.path()));
    }
}
