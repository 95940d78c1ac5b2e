import { describe, expect, it } from "vitest";
import { labelOfUndo } from "./undo-toast";

describe("labelOfUndo", () => {
  it("turns the core's next undo into what the toast says was done", () => {
    expect(labelOfUndo({ undo: "Undo: deleted “Write report”", redo: null })).toBe("Deleted “Write report”");
    expect(labelOfUndo({ undo: "Undo: accepted a block of “Report”", redo: "Redo: x" })).toBe("Accepted a block of “Report”");
    expect(labelOfUndo({ undo: null, redo: null })).toBeNull();
  });
});
