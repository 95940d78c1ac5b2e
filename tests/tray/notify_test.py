#!/usr/bin/python3
"""Notifications over D-Bus, as the desktop's notification server sees them. Run by
tests/tray/run.sh inside a private D-Bus session (no service activation: no dunst starts on
its own) and Xvfb. The app runs on a test clock with a task planned through the tray:

1. No notification server: the tray action's notification is logged as not shown and the app
   goes on (the block is written, the menu still answers).
2. This script takes org.freedesktop.Notifications and records every Notify call. The clock
   moves to 10 minutes before the block: its reminder comes with Start, Snooze and Open;
   ActionInvoked("snooze") moves the block 15 minutes later in the store (miraage-cli).
3. The clock jumps past the snoozed block to 10 minutes before an event: the event's reminder
   (Open only) and one "While you were away" line for the block's missed reminder.
4. SIGTERM quits the app cleanly (exit status 0)."""
import signal, sys
import dbus, dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from support import App, Menu, Notifications, Watcher, hhmm, spin, to_ts

def main():
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    watcher = Watcher(bus)
    server = Notifications(bus)
    app = App(sys.argv[1], sys.argv[2], "miraage-notify-")
    app.cli("tasks", "add", "Write report", "--estimate", "1h", "--literal")
    app.cli("events", "add", "Design review", "--start", "2030-01-07T14:00:00Z", "--end", "2030-01-07T14:30:00Z")
    app.settings({"plan_today_accepts": True})
    app.start()
    try:
        menu = Menu(bus, watcher)
        spin(lambda: menu.labelled("Now: free"), 40, "the menu showed Now: free")

        # 1. No notification server.
        menu.click("Plan today")
        (start, _) = spin(lambda: app.events("Write report"), 30, "Plan today wrote the block")[0]
        spin(lambda: app.logged("notification “Miraage” not shown"), 30, "the unshown notification was logged")
        assert app.proc.poll() is None, "the app ended when no notification server was there"
        assert menu.labelled("Next: "), "the menu stopped answering"
        print("no server: logged, the app goes on")

        # 2. The block's reminder, and Snooze from the notification.
        server.own()
        app.set_clock(hhmm(start, 10))
        [reminder] = spin(lambda: server.sent("Write report starts"), 30, "the block's reminder was sent")
        assert reminder["summary"] == "Write report starts in 10 min", reminder
        assert reminder["app"] == "Miraage", reminder
        assert reminder["actions"] == ["start", "Start", "snooze", "Snooze 15 min", "default", "Open"], reminder
        assert reminder["body"].startswith("Write report, ") and reminder["body"].endswith(" · Personal"), reminder

        def snoozed():
            # The app listens for the answer only once Notify has returned: sent again until
            # it is heard (one answer per notification is acted on; later ones go unheard).
            server.ActionInvoked(dbus.UInt32(reminder["id"]), "snooze")
            ev = app.events("Write report")
            return ev if ev and ev[0][0] != start else None

        moved = spin(snoozed, 30, "Snooze on the notification moved the block")
        assert to_ts(moved[0][0]) - to_ts(start) == 15 * 60, (start, moved)
        print("snoozed from the notification:", start, "->", moved[0][0])

        # 3. Past the snoozed block to the event's reminder: one reminder and one summary.
        app.set_clock("13:50")
        [event] = spin(lambda: server.sent("Design review starts"), 30, "the event's reminder was sent")
        assert event["summary"] == "Design review starts in 10 min", event
        assert event["body"] == "Design review, 14:00–14:30 · Personal", event
        assert event["actions"] == ["default", "Open"], event
        [away] = spin(lambda: server.sent("While you were away"), 30, "the missed reminder was summed up")
        assert away["summary"] == "While you were away: 1 reminder(s) missed", away
        assert away["body"] == f"Write report at {hhmm(moved[0][0])}", away
        assert len(server.sent("Write report starts")) == 1, "the block was reminded of twice"

        # A SIGTERM (a logout, `kill`) quits as Quit does, after the write in progress.
        app.proc.send_signal(signal.SIGTERM)
        code = app.wait(30)
        assert code == 0, f"SIGTERM ended the app with {code}"
        assert app.logged("signal 15: quitting"), "the app did not handle SIGTERM"
        print("notification test: 1 passed, 0 failed")
    finally:
        app.stop()


if __name__ == "__main__":
    main()
