"""What the tray and notification tests share: the panel's StatusNotifierWatcher, the tray's
dbusmenu read and clicked, waiting on the GLib main loop, the CLI on the test's database, and
the app started with a test clock (its log kept for assertions)."""
import calendar, json, os, sqlite3, subprocess, sys, tempfile, threading, time
import dbus, dbus.service
from gi.repository import GLib

WATCHER = "org.kde.StatusNotifierWatcher"
DAY = "2030-01-07"  # a Monday, far from today: the tests' clock is set on that day


class Watcher(dbus.service.Object):
    """The desktop panel's side of StatusNotifierItem: records the items that register."""

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
    """Runs the main loop until `until()` is true and returns its value; fails naming `what`
    after `timeout` s (a limit for a hung app, not a timing assertion)."""
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


class Menu:
    """The tray's com.canonical.dbusmenu, found through the item that registered."""

    def __init__(self, bus, watcher):
        sender, path = spin(lambda: watcher.items and watcher.items[0], 60, "the tray registered with the watcher")
        item = bus.get_object(sender, path)
        menu_path = item.Get("org.kde.StatusNotifierItem", "Menu", dbus_interface=dbus.PROPERTIES_IFACE)
        self.menu = dbus.Interface(bus.get_object(sender, menu_path), "com.canonical.dbusmenu")

    def items(self):
        """Label (mnemonic underscores dropped) -> (id, enabled)."""
        _, (_, _, children) = self.menu.GetLayout(0, -1, ["label", "enabled"])
        out = {}
        for cid, props, _ in children:
            if "label" in props:
                out[str(props["label"]).replace("_", "")] = (int(cid), bool(props.get("enabled", True)))
        return out

    def labelled(self, prefix):
        return next(((label, v) for label, v in self.items().items() if label.startswith(prefix)), None)

    def click(self, prefix):
        label, (cid, enabled) = self.labelled(prefix)
        assert enabled, f"{label} is disabled"
        self.menu.Event(cid, "clicked", dbus.String("", variant_level=1), dbus.UInt32(0))
        print("clicked:", label)

    def quit(self):
        """Clicks Quit. The app may end before it answers the click (NoReply): that is the
        effect asked for, which the caller checks through the exit status."""
        try:
            self.click("Quit")
        except dbus.exceptions.DBusException as e:
            if e.get_dbus_name() != "org.freedesktop.DBus.Error.NoReply":
                raise
            print("clicked: Quit (the app ended before answering)")


class App:
    """A fresh database with a test clock at 08:00 on DAY, and the app started on it hidden.
    The app's log lines are kept in `log` (and echoed)."""

    def __init__(self, bin_path, cli_path, prefix):
        self.cli_path = cli_path
        tmp = tempfile.mkdtemp(prefix=prefix)
        self.db, self.clock = os.path.join(tmp, "miraage.db"), os.path.join(tmp, "now")
        self.bin_path = bin_path
        self.log = []
        self.proc = None
        self.set_clock("08:00")

    def cli(self, *args, stdin=None):
        out = subprocess.run(
            [self.cli_path, "--db", self.db, "--tz", "UTC", *args], capture_output=True, text=True, input=stdin
        )
        if out.returncode != 0:
            sys.exit(f"FAIL: miraage-cli {' '.join(args)}: {out.stderr.strip()}")
        return out.stdout

    def settings(self, companion):
        """Writes the companion settings before the app starts."""
        with sqlite3.connect(self.db) as c:
            c.execute("INSERT INTO settings (key, value) VALUES ('companion', ?)", (json.dumps(companion),))

    def events(self, title):
        """(start, end) of each occurrence of `title` on DAY, from the CLI."""
        out = json.loads(self.cli("events", "--from", DAY, "--to", "2030-01-08", "--json"))
        return [(e["start"], e["end"]) for e in out if e["summary"] == title]

    def set_clock(self, hhmm):
        with open(self.clock, "w") as f:
            f.write(f"{DAY}T{hhmm}:00Z")

    def start(self):
        env = dict(os.environ, MIRAAGE_DB=self.db, MIRAAGE_NOW_FILE=self.clock, TZ="UTC", MIRAAGE_TZ="UTC")
        self.proc = subprocess.Popen([self.bin_path, "--hidden"], env=env, stderr=subprocess.PIPE, text=True)
        self.reader = threading.Thread(target=self._read_log, daemon=True)
        self.reader.start()

    def wait(self, timeout):
        """The app's exit status once it ended and its log is read to the end."""
        code = self.proc.wait(timeout=timeout)
        self.reader.join(timeout)
        return code

    def _read_log(self):
        for line in self.proc.stderr:
            self.log.append(line.rstrip("\n"))
            sys.stderr.write(line)

    def logged(self, text):
        return next((line for line in self.log if text in line), None)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()


def to_ts(s):
    """Seconds of an RFC 3339 UTC instant as the CLI prints it."""
    return calendar.timegm(time.strptime(s, "%Y-%m-%dT%H:%M:%SZ"))


def hhmm(s, minus_min=0):
    """The clock time of an instant, `minus_min` minutes earlier."""
    return time.strftime("%H:%M", time.gmtime(to_ts(s) - minus_min * 60))


NOTIFY_IFACE = "org.freedesktop.Notifications"
NOTIFY_PATH = "/org/freedesktop/Notifications"


class Notifications(dbus.service.Object):
    """A notification server that shows nothing and records what it was asked to show."""

    def __init__(self, bus):
        self.bus = bus
        self.calls = []
        self.name = None
        super().__init__(bus, NOTIFY_PATH)

    def own(self):
        self.name = dbus.service.BusName(NOTIFY_IFACE, self.bus)

    @dbus.service.method(NOTIFY_IFACE, in_signature="susssasa{sv}i", out_signature="u")
    def Notify(self, app_name, replaces_id, icon, summary, body, actions, hints, timeout):
        nid = len(self.calls) + 1
        call = {
            "id": nid,
            "app": str(app_name),
            "summary": str(summary),
            "body": str(body),
            "actions": [str(a) for a in actions],
        }
        self.calls.append(call)
        print("Notify:", call)
        return dbus.UInt32(nid)

    @dbus.service.method(NOTIFY_IFACE, in_signature="", out_signature="as")
    def GetCapabilities(self):
        return ["actions", "body"]

    @dbus.service.method(NOTIFY_IFACE, in_signature="", out_signature="ssss")
    def GetServerInformation(self):
        return ("miraage-test", "miraage", "1", "1.2")

    @dbus.service.method(NOTIFY_IFACE, in_signature="u", out_signature="")
    def CloseNotification(self, nid):
        self.NotificationClosed(nid, dbus.UInt32(3))

    @dbus.service.signal(NOTIFY_IFACE, signature="us")
    def ActionInvoked(self, nid, key):
        pass

    @dbus.service.signal(NOTIFY_IFACE, signature="uu")
    def NotificationClosed(self, nid, reason):
        pass

    def sent(self, prefix):
        return [c for c in self.calls if c["summary"].startswith(prefix)]
