"""Drives the tray menu of the item that registered LAST with the test's
StatusNotifierWatcher (tests/fixtures/sn_watcher.py); the harness's
tray_menu.py reads the first one, and a benchmark starts several apps on one
desktop.

    python3 tray_loop.py click LABEL     clicks the entry labelled LABEL (anywhere
                                         in the menu, submenus too)
    python3 tray_loop.py wait LABEL      waits until the top level has LABEL
    python3 tray_loop.py loop LABEL COUNT BUDGET_SECONDS MOTO_LOG

`loop` clicks one top-level entry COUNT times and times each click until
moto has answered the last STS request the click caused: the real path of a
tray click (dbusmenu Event -> the app's action -> AssumeRole -> the
GetCallerIdentity that verifies a session with a new expiry).

Prints "CYCLE MS" per click (flushed), "lost N" for a click that caused
no STS request within LOST_AFTER (it is then sent again, and timed from
there), then "done CYCLES". A click is done once moto has logged a new
request and then nothing more for SETTLE seconds; it is timed to its last
request. (Neither the menu nor a request count is a signal: the app rebuilds
the menu only when its text changed, and verifies a renewed session only when
its expiry, in whole seconds, moved.) A click on an id that a rebuild just retired is sent again to the
entry's new id. Stops early when the budget is spent. Reads only the top level of the menu (GetLayout depth 1),
so a menu of 1,000 roles in submenus costs the same to read as a small one.
Talks to the item that registered last with the test's StatusNotifierWatcher
(tests/fixtures/sn_watcher.py). Run with /usr/bin/python3 (python3-gi).
"""

import sys
import time

from gi.repository import Gio, GLib

POLL = 0.002  # seconds between two reads of the menu while waiting
STEP_TIMEOUT = 15.0  # seconds one click may take
LOST_AFTER = 3.0  # seconds without the STS request after which a click counts as lost
MAX_LOST = 20
QUIET = 0.02  # seconds without a new moto request before the next click
SETTLE = 0.1  # seconds without a new request after which a click is done

bus = Gio.bus_get_sync(Gio.BusType.SESSION)


def call(dest, path, iface, method, args, reply):
    return bus.call_sync(dest, path, iface, method, args, GLib.VariantType(reply),
                         Gio.DBusCallFlags.NONE, 10000, None).unpack()


def prop(dest, path, iface, name):
    return call(dest, path, "org.freedesktop.DBus.Properties", "Get",
                GLib.Variant("(ss)", (iface, name)), "(v)")[0]


def newest_menu():
    items = prop("org.kde.StatusNotifierWatcher", "/StatusNotifierWatcher",
                 "org.kde.StatusNotifierWatcher", "RegisteredStatusNotifierItems")
    if not items:
        sys.exit("no tray item registered")
    name, _, path = items[-1].partition("/")
    return name, prop(name, "/" + path, "org.kde.StatusNotifierItem", "Menu")


def entry_id(name, menu, label, depth=1):
    _, root = call(name, menu, "com.canonical.dbusmenu", "GetLayout",
                   GLib.Variant("(iias)", (0, depth, [])), "(u(ia{sv}av))")
    todo = list(root[2])
    while todo:
        ident, props, children = todo.pop(0)
        if props.get("label") == label:
            return ident
        todo.extend(children)
    return None


class Requests:
    """Counts the requests moto logs ('"POST / HTTP/1.1" 200'), from now on."""

    def __init__(self, path):
        self.file = open(path, encoding="utf-8", errors="replace")
        self.file.seek(0, 2)
        self.rest = ""
        self.count = 0

    def seen(self):
        text = self.rest + self.file.read()
        lines = text.split("\n")
        self.rest = lines.pop()
        self.count += sum('"POST / HTTP/1.1"' in line for line in lines)
        return self.count


def click(name, menu, label, ident):
    """Sends a click; when a rebuild retired the id, to the entry's new id."""
    deadline = time.monotonic() + STEP_TIMEOUT
    while True:
        args = GLib.Variant("(isvu)", (ident, "clicked", GLib.Variant("i", 0), 0))
        try:
            call(name, menu, "com.canonical.dbusmenu", "Event", args, "()")
            return ident
        except GLib.Error as e:
            if "does not refer to a menu item" not in e.message or time.monotonic() > deadline:
                raise
        ident = wait_for(name, menu, label, ident)


def wait_for(name, menu, label, not_id):
    deadline = time.monotonic() + STEP_TIMEOUT
    while True:
        ident = entry_id(name, menu, label)
        if ident is not None and ident != not_id:
            return ident
        if time.monotonic() > deadline:
            sys.exit(f"{label!r} did not come back with a new id within {STEP_TIMEOUT} s")
        time.sleep(POLL)


def loop(label, count, budget, moto_log):
    name, menu = newest_menu()
    requests = Requests(moto_log)
    ident = wait_for(name, menu, label, None)
    end = time.monotonic() + budget
    done = lost = 0
    while done < count and time.monotonic() < end:
        # Start from quiet: the previous click's last request (its
        # GetCallerIdentity) logged, so the next one counted is this click's.
        before = requests.seen()
        time.sleep(QUIET)
        while requests.seen() != before:
            before = requests.seen()
            time.sleep(QUIET)
        start = time.perf_counter()
        ident = click(name, menu, label, ident)
        clicked = time.monotonic()
        while requests.seen() == before:
            if time.monotonic() - clicked > LOST_AFTER:
                # The menu accepted the click but the app did nothing (the
                # entry was being replaced): say so, and click again.
                lost += 1
                print("lost", lost, flush=True)
                if lost > MAX_LOST:
                    sys.exit(f"{lost} clicks on {label!r} caused no STS request")
                ident = wait_for(name, menu, label, None)
                start = time.perf_counter()
                ident = click(name, menu, label, ident)
                clicked = time.monotonic()
            time.sleep(POLL)
        # Its last request: wait until the log stays quiet for SETTLE.
        seen, last = requests.seen(), time.perf_counter()
        while time.perf_counter() - last < SETTLE:
            time.sleep(POLL)
            if requests.seen() != seen:
                seen, last = requests.seen(), time.perf_counter()
        ident = entry_id(name, menu, label) or ident
        done += 1
        print(done, f"{(last - start) * 1000:.2f}", flush=True)
    print("done", done, flush=True)


def click_anywhere(label):
    name, menu = newest_menu()
    deadline = time.monotonic() + STEP_TIMEOUT
    while True:
        ident = entry_id(name, menu, label, -1)
        if ident is not None:
            args = GLib.Variant("(isvu)", (ident, "clicked", GLib.Variant("i", 0), 0))
            try:
                call(name, menu, "com.canonical.dbusmenu", "Event", args, "()")
                return
            except GLib.Error as e:
                if "does not refer to a menu item" not in e.message:
                    raise
        if time.monotonic() > deadline:
            sys.exit(f"no {label!r} to click in the tray menu within {STEP_TIMEOUT} s")
        time.sleep(0.05)


def main():
    mode = sys.argv[1]
    if mode == "loop":
        loop(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5])
    elif mode == "click":
        click_anywhere(sys.argv[2])
    elif mode == "wait":
        name, menu = newest_menu()
        wait_for(name, menu, sys.argv[2], None)
    else:
        sys.exit(f"unknown mode {mode!r}")


main()
