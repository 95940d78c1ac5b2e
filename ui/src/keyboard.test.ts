import { describe, expect, it } from "vitest";
import { isEditable, keyToAction, type KeyInput } from "./keyboard";

const key = (k: string, over: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target: { tagName: "BODY" },
  ...over,
});

describe("keyToAction", () => {
  it("maps arrows and j/k (as Google Calendar: j next, k previous) to the pages and t to today", () => {
    expect(keyToAction(key("ArrowLeft"))).toBe("prev");
    expect(keyToAction(key("k"))).toBe("prev");
    expect(keyToAction(key("ArrowRight"))).toBe("next");
    expect(keyToAction(key("j"))).toBe("next");
    expect(keyToAction(key("t"))).toBe("today");
  });

  it("maps d/w to the day and week views, n, p, Enter and Escape to tasks and the plan", () => {
    expect(keyToAction(key("d"))).toBe("day");
    expect(keyToAction(key("w"))).toBe("week");
    expect(keyToAction(key("n"))).toBe("new-task");
    expect(keyToAction(key("p"))).toBe("plan");
    expect(keyToAction(key("Enter"))).toBe("accept");
    expect(keyToAction(key("Enter", { target: { tagName: "DIV" } }))).toBe("accept");
    expect(keyToAction(key("Escape"))).toBe("reject");
  });

  it("maps Google Calendar's m, c, e, Delete, Backspace and / to month, create, edit, delete and search", () => {
    expect(keyToAction(key("m"))).toBe("month");
    expect(keyToAction(key("c"))).toBe("new-event");
    expect(keyToAction(key("e"))).toBe("edit");
    expect(keyToAction(key("Delete"))).toBe("delete");
    expect(keyToAction(key("Backspace"))).toBe("delete");
    expect(keyToAction(key("/"))).toBe("search");
    expect(keyToAction(key("Backspace", { target: { tagName: "INPUT", type: "text" } }))).toBeNull();
  });

  it("maps Ctrl+Z to undo and Ctrl+Shift+Z or Ctrl+Y to redo, but leaves them to text fields", () => {
    expect(keyToAction(key("z", { ctrlKey: true }))).toBe("undo");
    expect(keyToAction(key("Z", { ctrlKey: true, shiftKey: true }))).toBe("redo");
    expect(keyToAction(key("y", { ctrlKey: true }))).toBe("redo");
    expect(keyToAction(key("z", { metaKey: true }))).toBe("undo");
    expect(keyToAction(key("z", { ctrlKey: true, target: { tagName: "INPUT", type: "text" } }))).toBeNull();
    expect(keyToAction(key("c", { ctrlKey: true }))).toBeNull();
  });

  it("maps ? to the list of shortcuts, but not while typing", () => {
    expect(keyToAction(key("?"))).toBe("help");
    expect(keyToAction(key("?", { target: { tagName: "INPUT", type: "text" } }))).toBeNull();
  });

  it("leaves Enter to the button, link or control that has focus", () => {
    for (const tagName of ["BUTTON", "A", "SELECT", "SUMMARY"]) expect(keyToAction(key("Enter", { target: { tagName } }))).toBeNull();
    expect(keyToAction(key("Enter", { target: { tagName: "INPUT", type: "checkbox" } }))).toBeNull();
    expect(keyToAction(key("p", { target: { tagName: "INPUT", type: "text" } }))).toBeNull();
  });

  it("ignores other keys and shortcuts with modifiers", () => {
    expect(keyToAction(key("x"))).toBeNull();
    expect(keyToAction(key("T"))).toBeNull();
    expect(keyToAction(key("t", { ctrlKey: true }))).toBeNull();
    expect(keyToAction(key("ArrowLeft", { altKey: true }))).toBeNull();
    expect(keyToAction(key("k", { metaKey: true }))).toBeNull();
  });

  it("leaves keys to text fields but not to checkboxes or buttons", () => {
    expect(keyToAction(key("t", { target: { tagName: "INPUT", type: "text" } }))).toBeNull();
    expect(keyToAction(key("j", { target: { tagName: "TEXTAREA" } }))).toBeNull();
    expect(keyToAction(key("k", { target: { tagName: "DIV", isContentEditable: true } }))).toBeNull();
    expect(keyToAction(key("k", { target: { tagName: "INPUT", type: "checkbox" } }))).toBe("prev");
    expect(keyToAction(key("t", { target: { tagName: "BUTTON" } }))).toBe("today");
  });
});

describe("isEditable", () => {
  it("handles missing or odd targets", () => {
    expect(isEditable(null)).toBe(false);
    expect(isEditable(undefined)).toBe(false);
    expect(isEditable({})).toBe(false);
    expect(isEditable({ tagName: "SELECT" })).toBe(true);
    expect(isEditable({ tagName: "input" })).toBe(true);
  });
});
