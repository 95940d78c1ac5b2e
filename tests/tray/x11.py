"""Closing a window as a window manager's close button does: a WM_DELETE_WINDOW client message
(ICCCM 4.1.2.7), sent with libX11 through ctypes (no window manager runs under Xvfb, and
xdotool's window commands destroy instead of asking)."""
import ctypes, ctypes.util

x11 = ctypes.CDLL(ctypes.util.find_library("X11"))
x11.XOpenDisplay.restype = ctypes.c_void_p
x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
x11.XDefaultRootWindow.restype = ctypes.c_ulong
x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
x11.XInternAtom.restype = ctypes.c_ulong
x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
x11.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
                           ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
                           ctypes.POINTER(ctypes.c_uint)]
x11.XFetchName.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_char_p)]
x11.XFree.argtypes = [ctypes.c_void_p]
x11.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
x11.XFlush.argtypes = [ctypes.c_void_p]
x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
x11.XGetWindowAttributes.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_void_p]


class ClientMessage(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                ("format", ctypes.c_int), ("data", ctypes.c_long * 5)]


class XEvent(ctypes.Union):
    _fields_ = [("xclient", ClientMessage), ("pad", ctypes.c_long * 24)]


class Attributes(ctypes.Structure):
    # XWindowAttributes up to map_state; the rest is room for the fields after it.
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int), ("height", ctypes.c_int),
                ("border_width", ctypes.c_int), ("depth", ctypes.c_int), ("visual", ctypes.c_void_p),
                ("root", ctypes.c_ulong), ("c_class", ctypes.c_int), ("bit_gravity", ctypes.c_int),
                ("win_gravity", ctypes.c_int), ("backing_store", ctypes.c_int), ("backing_planes", ctypes.c_ulong),
                ("backing_pixel", ctypes.c_ulong), ("save_under", ctypes.c_int), ("colormap", ctypes.c_ulong),
                ("map_installed", ctypes.c_int), ("map_state", ctypes.c_int), ("rest", ctypes.c_long * 16)]


CLIENT_MESSAGE, IS_VIEWABLE = 33, 2


def _windows(display, window):
    root, parent, children, count = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.POINTER(ctypes.c_ulong)(), ctypes.c_uint()
    if not x11.XQueryTree(display, window, ctypes.byref(root), ctypes.byref(parent), ctypes.byref(children),
                          ctypes.byref(count)):
        return
    found = [children[i] for i in range(count.value)]
    if children:
        x11.XFree(children)
    for w in found:
        yield w
        yield from _windows(display, w)


def _named(display, title):
    for w in _windows(display, x11.XDefaultRootWindow(display)):
        name = ctypes.c_char_p()
        if x11.XFetchName(display, w, ctypes.byref(name)) and name.value:
            matches = name.value.decode(errors="replace") == title
            x11.XFree(name)
            attrs = Attributes()
            if matches and x11.XGetWindowAttributes(display, w, ctypes.byref(attrs)) and attrs.map_state == IS_VIEWABLE:
                yield w


def shown(title):
    """Whether a window with this title is on screen (mapped)."""
    display = x11.XOpenDisplay(None)
    try:
        return any(True for _ in _named(display, title))
    finally:
        x11.XCloseDisplay(display)


def close(title):
    """Asks each shown window with this title to close; returns how many were asked."""
    display = x11.XOpenDisplay(None)
    try:
        protocols = x11.XInternAtom(display, b"WM_PROTOCOLS", 0)
        delete = x11.XInternAtom(display, b"WM_DELETE_WINDOW", 0)
        asked = 0
        for w in list(_named(display, title)):
            ev = XEvent()
            ev.xclient.type, ev.xclient.window, ev.xclient.message_type = CLIENT_MESSAGE, w, protocols
            ev.xclient.format = 32
            ev.xclient.data[0], ev.xclient.data[1] = delete, 0  # CurrentTime
            x11.XSendEvent(display, w, 0, 0, ctypes.byref(ev))
            asked += 1
        x11.XFlush(display)
        return asked
    finally:
        x11.XCloseDisplay(display)
