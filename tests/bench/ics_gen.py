#!/usr/bin/env python3
"""Writes a realistic iCalendar file for the import benchmark (standard library only).

Random 15-90-minute meetings over four years in Europe/Berlin (with its VTIMEZONE), and
250 weekly series: some end, some carry EXDATEs, some have moved instances (RECURRENCE-ID).
The same seed gives the same file.

    python3 tests/bench/ics_gen.py 50000 > /tmp/50k.ics
"""

import random
import sys
from datetime import date, datetime, timedelta

VTIMEZONE = """BEGIN:VTIMEZONE
TZID:Europe/Berlin
X-LIC-LOCATION:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE"""

FIRST_DAY = date(2022, 1, 3)
DAYS = 4 * 365
SERIES = 250
WORDS = ["Review", "Sync", "Planning", "1:1", "Design", "Budget", "Interview", "Demo", "Retro", "Call"]
PLACES = ["Room 1", "Room 2", "Berlin office", "Video call", None, None]


def local(t):
    return t.strftime("%Y%m%dT%H%M%S")


def event(uid, start, minutes, summary, extra=()):
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        "DTSTAMP:20250101T120000Z",
        f"DTSTART;TZID=Europe/Berlin:{local(start)}",
        f"DTEND;TZID=Europe/Berlin:{local(start + timedelta(minutes=minutes))}",
        f"SUMMARY:{summary}",
    ]
    lines.extend(extra)
    lines.append("END:VEVENT")
    return lines


def random_start(rng):
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    return datetime(day.year, day.month, day.day, rng.randrange(8, 18), rng.choice([0, 15, 30, 45]))


def generate(n, seed=20):
    """The lines of a file with `n` VEVENTs (series masters and moved instances count)."""
    rng = random.Random(seed)
    out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Miraage//import bench//EN", "X-WR-TIMEZONE:Europe/Berlin"]
    out.extend(VTIMEZONE.split("\n"))
    written = 0
    for s in range(min(SERIES, n)):
        start = random_start(rng)
        minutes = rng.choice([15, 30, 45, 60, 90])
        uid = f"series-{s}-{seed}@bench.miraage"
        extra = ["RRULE:FREQ=WEEKLY" + (f";COUNT={rng.randrange(10, 150)}" if s % 2 else "")]
        if s % 3 == 0:
            skipped = [start + timedelta(weeks=rng.randrange(1, 9)) for _ in range(2)]
            extra.append("EXDATE;TZID=Europe/Berlin:" + ",".join(local(t) for t in sorted(set(skipped))))
        out.extend(event(uid, start, minutes, f"Weekly {rng.choice(WORDS)} {s}", extra))
        written += 1
        if s % 5 == 0 and written < n:
            # One instance moved an hour later.
            original = start + timedelta(weeks=rng.randrange(1, 10))
            moved = [f"RECURRENCE-ID;TZID=Europe/Berlin:{local(original)}"]
            out.extend(event(uid, original + timedelta(hours=1), minutes, f"Weekly {s} (moved)", moved))
            written += 1
    i = 0
    while written < n:
        place = rng.choice(PLACES)
        extra = [f"LOCATION:{place}"] if place else []
        start = random_start(rng)
        out.extend(event(f"{i:08x}-{seed}@bench.miraage", start, rng.randrange(15, 91), f"{rng.choice(WORDS)} {i}", extra))
        written += 1
        i += 1
    out.append("END:VCALENDAR")
    return out


def write(path, n, seed=20):
    with open(path, "w", newline="") as f:
        f.write("\r\n".join(generate(n, seed)) + "\r\n")


if __name__ == "__main__":
    sys.stdout.reconfigure(newline="")
    sys.stdout.write("\r\n".join(generate(int(sys.argv[1]))) + "\r\n")
