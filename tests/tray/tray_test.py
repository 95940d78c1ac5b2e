#!/usr/bin/python3
"""The tray over D-Bus, as a desktop panel sees it. Run by tests/tray/run.sh inside
dbus-run-session and Xvfb. This script is the panel: it owns org.kde.StatusNotifierWatcher,
waits for Miraage's StatusNotifierItem, reads its com.canonical.dbusmenu layout, clicks
Plan today and Snooze through Event, checks their effect in the store with miraage-cli on the
same database, moves the test clock on and waits for the Next text to change, then Quits."""
import json, os, sqlite3, subprocess, sys, tempfile, time
import dbus, dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

BIN = sys.argv[1]
CLI = sys.argv[2]
WATCHER = "org.kde.StatusNotifierWatcher"
DAY = "2030-01-07"  # a Monday, far from today: the test clock says it is 08:00 UTC then


class Watcher(dbus.service.Object):
    def __init__(self, bus):
        self.items = []
        super().__init__(dbus.service.BusName(WATCHER, bus), "/StatusNotifierWatcher")

    @dbus.service.method(WATCHER, in_signature="s", sender_keyword="sender")
    def RegisterStatusNotifierItem(self, service, sender=None):
        path = service if service.startswith("/") else "/StatusNotifierItem"
        self.items.append((sender, path))
        self.StatusNotifierItemRegistered(f"{sender}{path}")

    @dbus.service.method(WATCHER, in_signature="s")
    def RegisterStatusNotifierHost(self, service):
        pass

    @dbus.service.signal(WATCHER, signature="s")
    def StatusNotifierItemRegistered(self, item):
        pass

    @dbus.service.signal(WATCHER, signature="")
    def StatusNotifierHostRegistered(self):
        pass

    @dbus.service.method(dbus.PROPERTIES_IFACE, in_signature="ss", out_signature="v")
    def Get(self, iface, prop):
        return self.GetAll(iface)[prop]

    @dbus.service.method(dbus.PROPERTIES_IFACE, in_signature="s", out_signature="a{sv}")
    def GetAll(self, iface):
        return {
            "RegisteredStatusNotifierItems": dbus.Array([f"{s}{p}" for s, p in self.items], signature="s"),
            "IsStatusNotifierHostRegistered": True,
            "ProtocolVersion": dbus.Int32(0),
        }


def spin(until, timeout, what):
    """Runs the main loop until `until()` is true; fails naming `what` after `timeout` s."""
    ctx = GLib.MainContext.default()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        while ctx.pending():
            ctx.iteration(False)
        value = until()
        if value:
            return value
        time.sleep(0.1)
    sys.exit(f"FAIL: {what} (waited {timeout} s)")


def cli(db, *args):
    out = subprocess.run([CLI, "--db", db, "--tz", "UTC", *args], check=True, capture_output=True, text=True)
    return out.stdout


def report_events(db):
    out = json.loads(cli(db, "events", "--from", DAY, "--to", "2030-01-08", "--json"))
    return [(e["summary"], e["start"], e["end"]) for e in out if e["summary"] == "Write report"]


def main():
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    watcher = Watcher(bus)
    tmp = tempfile.mkdtemp(prefix="miraage-tray-")
    db, clock = os.path.join(tmp, "miraage.db"), os.path.join(tmp, "now")
    cli(db, "tasks", "add", "Write report", "--estimate", "1h", "--literal")
    with sqlite3.connect(db) as c:  # Plan today accepts at once (the companion setting)
        c.execute("INSERT INTO settings (key, value) VALUES ('companion', '{\"plan_today_accepts\": true}')")
    with open(clock, "w") as f:
        f.write(f"{DAY}T08:00:00Z")
    env = dict(os.environ, MIRAAGE_DB=db, MIRAAGE_NOW_FILE=clock, TZ="UTC", MIRAAGE_TZ="UTC")
    app = subprocess.Popen([BIN, "--hidden"], env=env)
    try:
        sender, path = spin(lambda: watcher.items and watcher.items[0], 60, "the tray registered with the watcher")
        item = bus.get_object(sender, path)
        menu_path = item.Get("org.kde.StatusNotifierItem", "Menu", dbus_interface=dbus.PROPERTIES_IFACE)
        menu = dbus.Interface(bus.get_object(sender, menu_path), "com.canonical.dbusmenu")

        def items():
            _, (_, _, children) = menu.GetLayout(0, -1, ["label", "enabled"])
            out = {}
            for child in children:
                cid, props, _ = child
                if "label" in props:
                    out[str(props["label"]).replace("_", "")] = (int(cid), bool(props.get("enabled", True)))
            return out

        def labelled(prefix):
            return next(((label, v) for label, v in items().items() if label.startswith(prefix)), None)

        spin(lambda: labelled("Now: free"), 40, "the menu showed Now: free")
        labels = list(items().keys())
        print("menu:", labels)
        for want in ["Now: ", "Next: ", "Plan today", "Start", "Done", "Snooze 15 min", "Skip", "Sync now", "Open Miraage", "Quit"]:
            assert any(l.startswith(want) for l in labels), f"no menu item {want!r} in {labels}"

        def click(prefix):
            label, (cid, enabled) = labelled(prefix)
            assert enabled, f"{label} is disabled"
            menu.Event(cid, "clicked", dbus.String("", variant_level=1), dbus.UInt32(0))
            print("clicked:", label)

        click("Plan today")
        planned = spin(lambda: report_events(db), 30, "Plan today wrote the block to the calendar")
        print("planned:", planned)
        (_, start, end) = planned[0]
        spin(lambda: labelled("Snooze 15 min: Write report"), 40, "the menu offered Snooze for Write report")
        click("Snooze 15 min: Write report")

        def snoozed():
            ev = report_events(db)
            return ev if ev and ev[0][1] != start else None

        moved = spin(snoozed, 30, "Snooze moved the block")
        print("snoozed:", moved)
        to_ts = lambda s: time.mktime(time.strptime(s, "%Y-%m-%dT%H:%M:%SZ"))
        assert to_ts(moved[0][1]) - to_ts(start) == 15 * 60, (start, moved)

        before = labelled("Next: ")[0]
        with open(clock, "w") as f:  # time passes: the block is over
            f.write(f"{DAY}T18:00:00Z")
        after = spin(lambda: (labelled("Next: ") or [before])[0] != before and labelled("Next: ")[0], 40, "the Next text changed")
        print("next:", before, "->", after)

        click("Quit")
        code = app.wait(timeout=30)
        assert code == 0, f"Quit ended the app with {code}"
        print("tray test: 1 passed, 0 failed")
    finally:
        if app.poll() is None:
            app.kill()


if __name__ == "__main__":
    main()
