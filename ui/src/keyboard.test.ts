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
  it("maps arrows and j/k to previous/next week and t to today", () => {
    expect(keyToAction(key("ArrowLeft"))).toBe("prev");
    expect(keyToAction(key("j"))).toBe("prev");
    expect(keyToAction(key("ArrowRight"))).toBe("next");
    expect(keyToAction(key("k"))).toBe("next");
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
    expect(keyToAction(key("k", { target: { tagName: "INPUT", type: "checkbox" } }))).toBe("next");
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
