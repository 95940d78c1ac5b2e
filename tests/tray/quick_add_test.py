#!/usr/bin/python3
"""The tray's Quick add…, as the desktop sees it. Run by tests/tray/run.sh inside a private
D-Bus session and Xvfb. Miraage starts hidden (no window); Quick add… makes the window and
hands its page the request to focus the quick-add box once the page listens (the app logs
what it handed over). A menu cannot take text, so the line is typed in the window."""
import sys
import dbus
from dbus.mainloop.glib import DBusGMainLoop
from support import App, Menu, Watcher, spin
import x11

TITLE = "Miraage"


def main():
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    watcher = Watcher(bus)
    app = App(sys.argv[1], sys.argv[2], "miraage-quick-add-")
    app.start()
    try:
        menu = Menu(bus, watcher)
        spin(lambda: menu.labelled("Quick add…"), 40, "the menu offered Quick add…")
        assert not x11.shown(TITLE), "a window was shown though Miraage started hidden"
        menu.click("Quick add…")
        spin(lambda: x11.shown(TITLE), 60, "Quick add… showed the window")
        spin(lambda: app.logged("app://quick-add"), 60, "the page received the quick-add request")
        print("quick add test: 1 passed, 0 failed")
    finally:
        app.stop()


if __name__ == "__main__":
    main()
