//! Memory given back while Miraage waits in the tray with no window.
//!
//! Closing the window ends WebKit's page process, but the app's own process keeps what the
//! window and start-up touched: heap that is free but not returned, and the pages of program
//! and library code it ran once (the window's commands, GTK's and WebKit's set-up, the store's
//! migrations). Without a window those pages sit idle yet stay mapped: 56 of the hidden app's
//! 73 MB were clean pages of its own binary, WebKitGTK, GTK and the speech libraries WebKit
//! links. So once things settle Miraage returns its free heap and drops its mappings of the
//! code and read-only data pages it never wrote: the files hold every one of them, the pages
//! stay in the system's file cache (memory the system may take back at will), and what the
//! tray, sync and reminders still run is mapped again on first use. The kernel does the same
//! to such pages under memory pressure; this only does it sooner, for a process that is idle.
//! `MADV_PAGEOUT` would also evict them from the cache, but the kernel grants it only for
//! files the process could write: not the installed program nor the system's libraries.
//!
//! WebKit's network process is ended too. WebKitGTK keeps it for the app's whole life once a
//! page has loaded (it has no call to end it, and Tauri keeps its web context so that closing
//! and opening windows does not leave one behind each time); with no page to serve it held
//! 28 MB, and 52 MB once the app's own process no longer shared its libraries' pages. WebKit
//! starts a new one when the next window's page loads, as it does after that process crashes.

use std::time::Duration;
use tauri::{AppHandle, Manager};

/// How long after the window closes (or a hidden start) the memory is given back: by then
/// WebKit's page process has ended, and start-up's first sync and reminders have run.
const SETTLE: Duration = Duration::from_secs(8);

/// Gives memory back once things settle, if the window is still closed then.
pub fn release_when_settled(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(SETTLE).await;
        // On the main thread: windows are made there, so none starts loading between the
        // check and the end of the network process; and GLib reaps child processes there, so
        // the process id read cannot be reused meanwhile.
        let (closed_tx, closed) = tokio::sync::oneshot::channel();
        let handle = app.clone();
        let asked = app.run_on_main_thread(move || {
            let closed = handle.webview_windows().is_empty();
            if closed {
                if let Err(e) = end_network_process() {
                    eprintln!("miraage: WebKit's network process could not be ended: {e}");
                }
            }
            let _ = closed_tx.send(closed);
        });
        if asked.is_err() || closed.await != Ok(true) {
            return;
        }
        let released = tauri::async_runtime::spawn_blocking(release).await;
        match released {
            Ok(Ok(r)) => eprintln!(
                "miraage: waiting in the tray: memory in use {} MB, was {} MB",
                r.after_kb / 1024,
                r.before_kb / 1024
            ),
            Ok(Err(e)) => eprintln!("miraage: memory could not be given back: {e}"),
            Err(e) => eprintln!("miraage: memory could not be given back: {e}"),
        }
    });
}

/// Ends WebKit's network process (a child of this process, `WebKitNetworkProcess`), which
/// only pages use.
#[cfg(target_os = "linux")]
fn end_network_process() -> std::io::Result<()> {
    let me = std::process::id();
    for entry in std::fs::read_dir("/proc")?.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<i32>() else { continue };
        // Gone meanwhile, or not ours to read: not ours to end either.
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else { continue };
        if let Some((name, parent)) = name_and_parent(&stat) {
            if parent == me && name.starts_with("WebKitNetwork") {
                linux::terminate(pid)?;
            }
        }
    }
    Ok(())
}

#[cfg(not(target_os = "linux"))]
fn end_network_process() -> std::io::Result<()> {
    Ok(())
}

/// The command name (at most 15 bytes) and the parent's id in `/proc/PID/stat`,
/// `pid (name) state ppid ...`; the name may hold spaces and parentheses itself.
fn name_and_parent(stat: &str) -> Option<(&str, u32)> {
    let open = stat.find('(')?;
    let close = stat.rfind(')')?;
    let mut rest = stat.get(close + 1..)?.split_whitespace();
    let (_state, parent) = (rest.next()?, rest.next()?.parse().ok()?);
    Some((stat.get(open + 1..close)?, parent))
}

/// The process's resident memory before and after [`release`], in KiB.
#[derive(Debug, Clone, Copy)]
pub struct Released {
    pub before_kb: u64,
    pub after_kb: u64,
}

/// Returns free heap to the system and drops this process's mappings of the code and
/// read-only data pages it never wrote (they are read again from their files when used).
///
/// # Errors
/// When `/proc/self` cannot be read, or the kernel refuses to drop a mapping's pages.
#[cfg(target_os = "linux")]
pub fn release() -> std::io::Result<Released> {
    let before_kb = resident_kb()?;
    linux::trim_heap();
    let smaps = std::fs::read_to_string("/proc/self/smaps")?;
    for region in regions(&smaps).filter(Region::reclaimable) {
        linux::drop_clean_pages(&region)?;
    }
    Ok(Released { before_kb, after_kb: resident_kb()? })
}

/// Elsewhere the system manages a background app's memory itself.
#[cfg(not(target_os = "linux"))]
pub fn release() -> std::io::Result<Released> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// `VmRSS` of this process, in KiB.
#[cfg(target_os = "linux")]
fn resident_kb() -> std::io::Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(kib)
        .ok_or_else(|| std::io::Error::other("/proc/self/status has no VmRSS line"))
}

/// One mapping of `/proc/self/smaps`, with what decides whether to reclaim it.
#[derive(Debug, PartialEq)]
struct Region<'a> {
    start: usize,
    end: usize,
    writable: bool,
    /// A private mapping (`p`), not a shared one (`s`).
    private: bool,
    path: &'a str,
    resident_kb: u64,
    /// Pages written since mapping (relocations, copy-on-write): not the file's any more.
    anonymous_kb: u64,
}

impl Region<'_> {
    /// A file's pages, never written and in memory: dropping them loses nothing, the file
    /// has them. Memory files and devices are left alone (their pages live only in memory).
    fn reclaimable(&self) -> bool {
        !self.writable
            && self.anonymous_kb == 0
            && self.resident_kb > 0
            && self.path.starts_with('/')
            && !self.path.starts_with("/dev/")
            && !self.path.starts_with("/memfd:")
            && !self.path.starts_with("/SYSV")
            && !self.path.ends_with(" (deleted)")
            && self.private
    }
}

/// The mappings of an smaps text, in order; lines it cannot read end the mapping they are in.
fn regions(smaps: &str) -> impl Iterator<Item = Region<'_>> {
    let mut lines = smaps.lines().peekable();
    std::iter::from_fn(move || loop {
        let header = lines.next()?;
        let Some(mut region) = header_of(header) else { continue };
        while let Some(line) = lines.peek() {
            if header_of(line).is_some() {
                break;
            }
            let line = lines.next().unwrap_or_default();
            if let Some(rest) = line.strip_prefix("Rss:") {
                region.resident_kb = kib(rest).unwrap_or(0);
            } else if let Some(rest) = line.strip_prefix("Anonymous:") {
                region.anonymous_kb = kib(rest).unwrap_or(0);
            }
        }
        return Some(region);
    })
}

/// A `/proc` size field's value, `   1234 kB`, in KiB.
fn kib(value: &str) -> Option<u64> {
    value.trim().trim_end_matches("kB").trim().parse().ok()
}

/// `start-end perms offset dev inode [path]`, the line that opens a mapping.
fn header_of(line: &str) -> Option<Region<'_>> {
    let mut fields = line.splitn(6, ' ');
    let (start, end) = fields.next()?.split_once('-')?;
    let start = usize::from_str_radix(start, 16).ok()?;
    let end = usize::from_str_radix(end, 16).ok()?;
    let perms = fields.next()?;
    if perms.len() != 4 || end <= start {
        return None;
    }
    let (_offset, _dev, _inode) = (fields.next()?, fields.next()?, fields.next()?);
    let path = fields.next().unwrap_or("").trim_start();
    let perms = perms.as_bytes();
    Some(Region {
        start,
        end,
        writable: perms[1] == b'w',
        private: perms[3] == b'p',
        path,
        resident_kb: 0,
        anonymous_kb: 0,
    })
}

/// The calls into the C library; nothing else here is unsafe.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
mod linux {
    /// Returns the heap's free pages to the system (glibc keeps them for reuse otherwise).
    pub fn trim_heap() {
        #[cfg(target_env = "gnu")]
        // SAFETY: malloc_trim only releases memory the allocator holds free; it takes the
        // allocator's own locks, so other threads may allocate meanwhile.
        unsafe {
            libc::malloc_trim(0);
        }
    }

    /// Asks process `pid` to end (SIGTERM).
    pub fn terminate(pid: i32) -> std::io::Result<()> {
        // SAFETY: kill takes no pointers; it only sends a signal.
        if unsafe { libc::kill(pid, libc::SIGTERM) } == 0 {
            return Ok(());
        }
        match std::io::Error::last_os_error() {
            // Ended meanwhile.
            e if e.raw_os_error() == Some(libc::ESRCH) => Ok(()),
            e => Err(e),
        }
    }

    /// Drops the process's mapping of `region`'s pages; the next use maps them again from
    /// the file (from the system's file cache while they are still there).
    pub fn drop_clean_pages(region: &super::Region) -> std::io::Result<()> {
        debug_assert!(region.reclaimable());
        let len = region.end - region.start;
        // SAFETY: smaps said a moment ago that the range maps a file, cannot be written and
        // holds no page the process wrote (no relocation, no copy on write): each page is the
        // file's, so dropping it changes no memory Rust or C code refers to, and the next
        // access reads the same bytes back, as after the kernel's own reclaim. The range
        // cannot have been replaced meanwhile: the app never unloads a library (GTK, GIO and
        // WebKit keep theirs), and an unmapped range gives ENOMEM, which is skipped.
        let done = unsafe { libc::madvise(region.start as *mut libc::c_void, len, libc::MADV_DONTNEED) };
        if done == 0 {
            return Ok(());
        }
        let e = std::io::Error::last_os_error();
        match e.raw_os_error() {
            Some(libc::ENOMEM) => Ok(()),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMAPS: &str = "\
55d0c0000000-55d0c1000000 r-xp 00001000 fe:00 1234 /opt/miraage/miraage
Size:              16384 kB
Rss:                9000 kB
Anonymous:             0 kB
55d0c1000000-55d0c1100000 r--p 01001000 fe:00 1234 /opt/miraage/miraage
Rss:                1024 kB
Anonymous:           512 kB
55d0c1100000-55d0c1200000 rw-p 01101000 fe:00 1234 /opt/miraage/miraage
Rss:                1024 kB
Anonymous:          1024 kB
7f0000000000-7f0000100000 rw-p 00000000 00:00 0
Rss:                 800 kB
Anonymous:           800 kB
7f0000100000-7f0000200000 r--s 00000000 00:01 77 /memfd:wayland-shm (deleted)
Rss:                 100 kB
Anonymous:             0 kB
7f0000200000-7f0000300000 r-xp 00000000 fe:00 99 /usr/lib/libgtk-3.so.0
Rss:                   0 kB
Anonymous:             0 kB
7f0000300000-7f0000400000 r--s 00000000 fe:00 98 /usr/share/fonts/dejavu.ttf
Rss:                 300 kB
Anonymous:             0 kB
7ffd00000000-7ffd00002000 r-xp 00000000 00:00 0 [vdso]
Rss:                   8 kB
Anonymous:             0 kB
";

    #[test]
    fn only_unwritten_resident_file_pages_are_reclaimed() {
        let all: Vec<Region> = regions(SMAPS).collect();
        assert_eq!(all.len(), 8);
        assert_eq!(all[0].start, 0x55d0c0000000);
        assert_eq!(all[0].resident_kb, 9000);
        assert_eq!(all[3].path, "");
        let chosen: Vec<(&str, usize)> =
            all.iter().filter(|r| r.reclaimable()).map(|r| (r.path, r.end - r.start)).collect();
        // The code only: not the relocated read-only data, the written data, the heap, a
        // shared memory file, a library with nothing in memory, a file mapped shared (its
        // pages are the cache's own), nor the kernel's page.
        assert_eq!(chosen, vec![("/opt/miraage/miraage", 16 << 20)]);
    }

    #[test]
    fn a_process_stat_line_gives_its_name_and_parent() {
        let stat = "4242 (WebKitNetworkPr) S 4200 4200 4100 0 -1 4194560 1 0 0 0";
        assert_eq!(name_and_parent(stat), Some(("WebKitNetworkPr", 4200)));
        // A name with a space and a parenthesis of its own.
        assert_eq!(name_and_parent("7 (a) b) R 1 7 7 0"), Some(("a) b", 1)));
        assert_eq!(name_and_parent("7 (cut"), None);
    }

    /// A file of `len` bytes mapped privately, read-only or writable, unmapped on drop.
    #[cfg(target_os = "linux")]
    struct Mapped {
        at: *mut u8,
        len: usize,
    }

    #[cfg(target_os = "linux")]
    #[allow(unsafe_code)]
    impl Mapped {
        fn new(file: &std::fs::File, len: usize, writable: bool) -> Mapped {
            use std::os::fd::AsRawFd;
            let prot = if writable { libc::PROT_READ | libc::PROT_WRITE } else { libc::PROT_READ };
            // SAFETY: a fresh mapping of a file the test owns, used only through this value.
            let at = unsafe { libc::mmap(std::ptr::null_mut(), len, prot, libc::MAP_PRIVATE, file.as_raw_fd(), 0) };
            assert_ne!(at, libc::MAP_FAILED, "{}", std::io::Error::last_os_error());
            Mapped { at: at.cast(), len }
        }

        fn bytes(&self) -> &[u8] {
            // SAFETY: `len` mapped bytes, alive as long as `self`.
            unsafe { std::slice::from_raw_parts(self.at, self.len) }
        }

        fn bytes_mut(&mut self) -> &mut [u8] {
            // SAFETY: as above, and only writable mappings are written.
            unsafe { std::slice::from_raw_parts_mut(self.at, self.len) }
        }

        /// Resident KiB of this mapping, by smaps.
        fn resident_kb(&self) -> u64 {
            let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap();
            let resident = regions(&smaps).find(|r| r.start == self.at as usize).map(|r| r.resident_kb);
            resident.unwrap()
        }
    }

    #[cfg(target_os = "linux")]
    #[allow(unsafe_code)]
    impl Drop for Mapped {
        fn drop(&mut self) {
            // SAFETY: the mapping made in `new`, no longer borrowed.
            unsafe { libc::munmap(self.at.cast(), self.len) };
        }
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn giving_memory_back_drops_unwritten_file_pages_and_keeps_every_byte() {
        const LEN: usize = 4 << 20;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pages");
        let content: Vec<u8> = (0..LEN).map(|i| (i * 7 % 251) as u8).collect();
        std::fs::write(&path, &content).unwrap();
        let file = std::fs::File::open(&path).unwrap();
        let code = Mapped::new(&file, LEN, false);
        let written_file = std::fs::OpenOptions::new().read(true).write(true).open(&path).unwrap();
        let mut written = Mapped::new(&written_file, LEN, true);
        assert_eq!(code.bytes(), &content[..]);
        written.bytes_mut().iter_mut().step_by(4096).for_each(|b| *b = 0xAB);
        let read_in = code.resident_kb();
        assert!(read_in >= 4000, "the mapped file should be in memory: {read_in} KiB");

        release().unwrap();

        // The read-only mapping's pages are gone from the process and read back the same;
        // the pages the process wrote (its copies, not the file's) are kept, with what it wrote.
        assert_eq!(code.resident_kb(), 0, "pages of an unwritten mapping stayed in memory");
        assert!(written.resident_kb() >= 4000, "written pages were dropped");
        assert!(written.bytes().iter().step_by(4096).all(|&b| b == 0xAB), "written bytes were lost");
        assert_eq!(code.bytes(), &content[..]);
        assert_eq!(std::fs::read(&path).unwrap(), content, "the file changed");
    }
}
