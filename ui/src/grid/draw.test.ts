import { describe, expect, it } from "vitest";
import { redrawSignature, RedrawGate } from "./draw";
import { eventItem, ghostItem } from "./test-items";

const nine = new Date(2026, 10, 24, 9, 0);

describe("redrawSignature", () => {
  it("is the same for equal items built apart", () => {
    expect(redrawSignature([eventItem(nine, 30), ghostItem(nine, 45)])).toBe(redrawSignature([eventItem(nine, 30), ghostItem(nine, 45)]));
  });

  it("changes with what an item shows", () => {
    const base = redrawSignature([eventItem(nine, 30)]);
    expect(redrawSignature([eventItem(nine, 45)])).not.toBe(base);
    expect(redrawSignature([eventItem(nine, 30, { summary: "Retro" })])).not.toBe(base);
    expect(redrawSignature([eventItem(nine, 30, { location: "Room 2" })])).not.toBe(base);
    expect(redrawSignature([eventItem(nine, 30, { color: "#ff0000" })])).not.toBe(base);
    expect(redrawSignature([eventItem(nine, 30, { calendar: "Home" })])).not.toBe(base);
  });

  it("changes when a ghost is selected or becomes a move", () => {
    const base = redrawSignature([ghostItem(nine, 45)]);
    expect(redrawSignature([ghostItem(nine, 45, {}, true)])).not.toBe(base);
    expect(redrawSignature([ghostItem(nine, 45, { kind: "move" })])).not.toBe(base);
  });

  it("changes when only a ghost's reason or an event's plan mark changes", () => {
    expect(redrawSignature([ghostItem(nine, 45, { reason: "“Standup” now overlaps its time" })])).not.toBe(redrawSignature([ghostItem(nine, 45)]));
    const plain = redrawSignature([eventItem(nine, 30)]);
    const planned = redrawSignature([eventItem(nine, 30, { plan: { task_uid: "t@miraage", kind: "task", project: null, locked: false } })]);
    expect(planned).not.toBe(plain);
    expect(redrawSignature([eventItem(nine, 30, { plan: { task_uid: "t@miraage", kind: "task", project: "work", locked: false } })])).not.toBe(planned);
    // Locking a block changes its mark: it must redraw.
    expect(redrawSignature([eventItem(nine, 30, { plan: { task_uid: "t@miraage", kind: "task", project: null, locked: true } })])).not.toBe(planned);
  });

  it("follows the order items are drawn in", () => {
    const a = eventItem(nine, 30);
    const b = ghostItem(nine, 45);
    expect(redrawSignature([a, b])).not.toBe(redrawSignature([b, a]));
  });
});

describe("RedrawGate", () => {
  const items = [eventItem(nine, 30), ghostItem(nine, 45)];

  it("admits the first drawing and skips the same again", () => {
    const gate = new RedrawGate();
    expect(gate.admit(items, false)).toBe(true);
    expect(gate.admit([eventItem(nine, 30), ghostItem(nine, 45)], false)).toBe(false);
  });

  it("admits a change, and the same items when forced (a dragged ghost put back)", () => {
    const gate = new RedrawGate();
    gate.admit(items, false);
    expect(gate.admit(items, true)).toBe(true);
    expect(gate.admit([items[0]!], false)).toBe(true);
    expect(gate.admit([items[0]!], false)).toBe(false);
  });

  it("admits the same items after new, empty columns", () => {
    const gate = new RedrawGate();
    gate.admit(items, false);
    gate.reset();
    expect(gate.admit(items, false)).toBe(true);
  });

  it("admits an empty range once, so the columns of a new range are cleared", () => {
    const gate = new RedrawGate();
    expect(gate.admit([], false)).toBe(true);
    expect(gate.admit([], false)).toBe(false);
  });
});
