#!/usr/bin/python3
"""The window's life beside the tray, as the desktop sees it. Run by tests/tray/run.sh inside a
private D-Bus session and Xvfb (no window manager: the test closes the window as a close
button does, with WM_DELETE_WINDOW).

1. Started hidden (as at login): no window, and no WebKit page process (nothing of the
   window's memory is held).
2. Open Miraage from the tray: the window is made, with its page process.
3. Closing it keeps Miraage running in the tray (the menu answers) and ends the page process;
   once things settle the app gives its idle memory back (its resident memory falls to under
   half of what it held with the window shown) and WebKit's network process ends.
4. A second launch with a link while the window is closed: the window is made again (with a
   new network process) and its page receives the link once it listens (logged by the app as
   handed over)."""
import os, subprocess, sys
import dbus
from dbus.mainloop.glib import DBusGMainLoop
from support import App, Menu, Watcher, spin
import x11

TITLE = "Miraage"


def children(pid, name):
    """The processes under the app's process whose command name starts with `name`."""
    out = subprocess.run(["ps", "-o", "pid=,comm=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [line.split()[0] for line in out.splitlines() if line.split()[1].startswith(name)]


def page_processes(pid):
    """The WebKit page (web) processes under the app's process."""
    return children(pid, "WebKitWebProces")


def network_processes(pid):
    """WebKit's network processes under the app's process."""
    return children(pid, "WebKitNetwork")


def resident_kb(pid):
    """VmRSS of a process, in KiB."""
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


def main():
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    watcher = Watcher(bus)
    app = App(sys.argv[1], sys.argv[2], "miraage-window-")
    app.start()
    try:
        menu = Menu(bus, watcher)
        spin(lambda: menu.labelled("Now: "), 40, "the menu answered")
        assert not x11.shown(TITLE), "a window was shown though Miraage started hidden"
        assert not page_processes(app.proc.pid), "a WebKit page process runs with no window"
        print("started hidden: no window, no page process")

        menu.click("Open Miraage")
        spin(lambda: x11.shown(TITLE), 60, "Open Miraage showed the window")
        spin(lambda: page_processes(app.proc.pid), 60, "the window's page process started")
        spin(lambda: app.logged("window ready"), 60, "the window's page listened")
        shown_kb = resident_kb(app.proc.pid)
        print("opened: window and page process")

        assert x11.close(TITLE) >= 1, "no window to close"
        spin(lambda: not x11.shown(TITLE), 30, "the window closed")
        spin(lambda: not page_processes(app.proc.pid), 30, "the page process ended when the window closed")
        assert app.proc.poll() is None, "closing the window quit Miraage"
        spin(lambda: menu.labelled("Now: "), 10, "the menu answers after the window closed")
        print("closed: still in the tray, page process gone")
        spin(lambda: app.logged("waiting in the tray: memory in use"), 40, "the app gave its memory back")
        hidden_kb = resident_kb(app.proc.pid)
        assert hidden_kb < shown_kb / 2, f"resident {hidden_kb} KiB in the tray, {shown_kb} KiB shown"
        assert not network_processes(app.proc.pid), "WebKit's network process still runs in the tray"
        spin(lambda: menu.labelled("Now: "), 10, "the menu answers after memory was given back")
        print(f"memory given back: resident {shown_kb // 1024} MB shown, {hidden_kb // 1024} MB in the tray")

        env = dict(os.environ, MIRAAGE_DB=app.db, MIRAAGE_NOW_FILE=app.clock, TZ="UTC", MIRAAGE_TZ="UTC")
        second = subprocess.run([app.bin_path, "miraage://open?date=2030-01-09"], env=env, timeout=60,
                                capture_output=True, text=True)
        assert second.returncode == 0, f"the second launch failed: {second.stderr}"
        spin(lambda: x11.shown(TITLE), 60, "the link made the window again")
        spin(lambda: app.logged("window ready: 1 request(s)"), 60, "the new page received the link")
        assert network_processes(app.proc.pid), "the new page has no network process"
        print("a link with the window closed: window made, link handed over")

        menu.quit()
        assert app.wait(30) == 0, "Quit failed"
        print("window test: 1 passed, 0 failed")
    finally:
        app.stop()


if __name__ == "__main__":
    main()
