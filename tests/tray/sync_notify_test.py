#!/usr/bin/python3
"""The notifications a sync brings, as the desktop's notification server sees them. Run by
tests/tray/run.sh inside a private D-Bus session, a kernel session keyring (the CalDAV
password's home where no Secret Service runs) and Xvfb. A real Radicale plays the user's
CalDAV server; the app runs on a test clock at 08:00 on a Monday.

1. Two tasks are planned into the day with the tray's Plan today: "Write report" and
   "Budget slides" (3 h, due at 13:00).
2. A colleague books "Offsite" 09:00-12:00 on the server. Sync now: the re-plan moves the
   accepted blocks ("Your plan changed", naming what moves where) and "Budget slides" can no
   longer be done by 13:00 ("may miss its due date").
3. The server's password changes. Sync now: "needs you to sign in again", naming the account
   (telling it once per failure streak is a unit test of the rules: tests/notices.rs)."""
import base64, os, socket, subprocess, sys, tempfile, urllib.request
import dbus
from dbus.mainloop.glib import DBusGMainLoop
from support import DAY, App, Menu, Notifications, Watcher, spin

USER, PASSWORD = "alice", "correct horse battery staple"
ACCOUNT = "Team server"


class Radicale:
    """Radicale 3 on 127.0.0.1 with htpasswd (plain) auth and its own storage."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="miraage-radicale-")
        self.users = os.path.join(self.dir, "users")
        self.set_password(PASSWORD)
        config = os.path.join(self.dir, "config")
        open(config, "w").close()  # keeps /etc/radicale and ~/.config out of the test
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/"
        log = open(os.path.join(self.dir, "radicale.log"), "w")
        self.proc = subprocess.Popen(
            ["/usr/bin/python3", "-m", "radicale", "--config", config, "--server-hosts", f"127.0.0.1:{port}",
             "--auth-type", "htpasswd", "--auth-htpasswd-encryption", "plain", "--auth-htpasswd-filename",
             self.users, "--storage-filesystem-folder", os.path.join(self.dir, "collections"),
             "--auth-delay", "0", "--logging-level", "warning"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log)
        spin(self._answers, 30, "Radicale answered")

    def _answers(self):
        try:
            socket.create_connection(("127.0.0.1", int(self.url.rsplit(":", 1)[1].strip("/"))), 1).close()
            return True
        except OSError:
            return False

    def set_password(self, password):
        with open(self.users, "w") as f:
            f.write(f"{USER}:{password}\n")

    def request(self, method, path, body=b"", content_type="text/calendar"):
        req = urllib.request.Request(self.url.rstrip("/") + path, data=body, method=method)
        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        req.add_header("Authorization", f"Basic {token}")
        req.add_header("Content-Type", content_type)
        with urllib.request.urlopen(req) as r:
            return r.status

    def stop(self):
        self.proc.kill()


def event(uid, title, start, end):
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//colleague//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:20300101T000000Z\r\nDTSTART:{start}\r\nDTEND:{end}\r\n"
        f"SUMMARY:{title}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def main():
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    watcher = Watcher(bus)
    server = Notifications(bus)
    server.own()
    radicale = Radicale()
    app = App(sys.argv[1], sys.argv[2], "miraage-sync-notify-")
    os.environ["MIRAAGE_KEYRING_SERVICE"] = f"miraage-test-{os.getpid()}"
    try:
        radicale.request("MKCALENDAR", f"/{USER}/work/", content_type="application/xml")
        app.cli("account", "add", "caldav", radicale.url, "--user", USER, "--name", ACCOUNT, stdin=PASSWORD + "\n")
        app.cli("tasks", "add", "Write report", "--estimate", "1h", "--literal")
        app.cli("tasks", "add", "Budget slides", "--estimate", "3h", "--due", f"{DAY}T13:00", "--literal")
        app.settings({"plan_today_accepts": True})
        app.start()
        menu = Menu(bus, watcher)
        spin(lambda: menu.labelled("Now: free"), 40, "the menu showed Now: free")

        # 1. The day planned and accepted from the tray.
        menu.click("Plan today")
        spin(lambda: app.events("Write report") and app.events("Budget slides"), 30, "Plan today wrote both blocks")
        planned = app.events("Budget slides")
        print("planned:", planned, app.events("Write report"))
        assert not server.sent("Your plan changed"), server.calls

        # 2. A meeting lands on the plan: the sync's re-plan is told, and the task now at risk.
        radicale.request("PUT", f"/{USER}/work/offsite.ics", event("offsite-1", "Offsite", "20300107T090000Z", "20300107T120000Z"))
        menu.click("Sync now")
        [changed] = spin(lambda: server.sent("Your plan changed"), 60, "the plan-changed notification was sent")
        print("plan changed:", changed)
        assert "moves to" in changed["body"] and "“Budget slides”" in changed["body"], changed
        assert "Offsite" in changed["body"], f"the reason does not name the meeting: {changed}"
        [risk] = spin(lambda: server.sent("“Budget slides” may miss its due date"), 30, "the at-risk notification")
        print("at risk:", risk)
        assert risk["body"].startswith("“Budget slides”: "), risk
        assert not server.sent("“Write report” may miss"), "a task with no due date was reported at risk"

        # 3. The password changes on the server: told once, naming the account.
        radicale.set_password("a new password")
        menu.click("Sync now")
        [sign_in] = spin(lambda: server.sent(f"“{ACCOUNT}” needs you to sign in again"), 60, "the sign-in notification")
        print("sign in:", sign_in)
        assert "open Accounts in Miraage" in sign_in["body"], sign_in
        assert PASSWORD not in str(server.calls), "a password reached a notification"
        menu.quit()
        assert app.wait(30) == 0, "Quit failed"
        print("sync notification test: 1 passed, 0 failed")
    finally:
        app.stop()
        radicale.stop()


if __name__ == "__main__":
    main()
