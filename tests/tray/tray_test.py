#!/usr/bin/python3
"""The tray over D-Bus, as a desktop panel sees it. Run by tests/tray/run.sh inside a private
D-Bus session and Xvfb. This script is the panel: it owns org.kde.StatusNotifierWatcher,
waits for Miraage's StatusNotifierItem, reads its com.canonical.dbusmenu layout, clicks
Plan today and Snooze through Event, moves the test clock on and waits for the Next text to
change, then clicks Start and Done, checks each effect in the store (miraage-cli and the SQLite
file), and Quits."""
import json
import sqlite3
import sys
import dbus
from dbus.mainloop.glib import DBusGMainLoop
from support import App, Menu, Watcher, spin, to_ts

MENU = ["Now: ", "Next: ", "Quick add…", "Plan today", "Start", "Done", "Snooze 15 min", "Skip", "Sync now", "Open Miraage", "Quit"]


def main():
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    watcher = Watcher(bus)
    app = App(sys.argv[1], sys.argv[2], "miraage-tray-")
    app.cli("tasks", "add", "Write report", "--estimate", "1h", "--literal")
    app.settings({"plan_today_accepts": True})
    app.start()
    try:
        menu = Menu(bus, watcher)
        spin(lambda: menu.labelled("Now: free"), 40, "the menu showed Now: free")
        labels = list(menu.items().keys())
        print("menu:", labels)
        for want in MENU:
            assert any(l.startswith(want) for l in labels), f"no menu item {want!r} in {labels}"

        menu.click("Plan today")
        planned = spin(lambda: app.events("Write report"), 30, "Plan today wrote the block to the calendar")
        print("planned:", planned)
        (start, _) = planned[0]
        spin(lambda: menu.labelled("Snooze 15 min: Write report"), 40, "the menu offered Snooze for Write report")
        menu.click("Snooze 15 min: Write report")

        def snoozed():
            ev = app.events("Write report")
            return ev if ev and ev[0][0] != start else None

        moved = spin(snoozed, 30, "Snooze moved the block")
        print("snoozed:", moved)
        assert to_ts(moved[0][0]) - to_ts(start) == 15 * 60, (start, moved)

        # Time passes: the block's time comes, so Next no longer names it.
        before = menu.labelled("Next: ")[0]
        app.set_clock("09:20")
        after = spin(
            lambda: (menu.labelled("Next: ") or [before])[0] != before and menu.labelled("Next: ")[0],
            40,
            "the Next text changed",
        )
        print("next:", before, "->", after)

        # Start runs the block's timer (a row in the store, and the menu's Stop timer names it),
        # Done records it done in the history.
        spin(lambda: menu.labelled("Start: Write report"), 40, "the menu offered Start for Write report")
        menu.click("Start: Write report")
        spin(lambda: menu.labelled("Stop timer: Write report"), 40, "the menu showed the running timer")
        with sqlite3.connect(app.db) as c:
            timers = c.execute("SELECT count(*) FROM block_timers").fetchone()[0]
        assert timers == 1, f"Start left {timers} running timers in the store"
        menu.click("Done: Write report")

        def recorded():
            rows = json.loads(app.cli("history", "export", "--format", "json"))
            rows = rows.get("rows", rows) if isinstance(rows, dict) else rows
            return [r for r in rows if r["title"] == "Write report" and r["outcome"] == "done"]

        done = spin(recorded, 30, "Done recorded the block done in the history")
        print("done:", done[0]["outcome"], done[0]["actual_min"], "min")

        menu.quit()
        code = app.wait(30)
        assert code == 0, f"Quit ended the app with {code}"
        print("tray test: 1 passed, 0 failed")
    finally:
        app.stop()


if __name__ == "__main__":
    main()
