import { describe, expect, test } from "vitest";
import type { GhostView } from "./bindings/GhostView";
import type { PlanPreview } from "./bindings/PlanPreview";
import { ghostToGridItem, isGhostProps, planSummary, PlanState, unscheduledMinutes } from "./plan-state";

function ghost(id: string, start: string, extra: Partial<GhostView> = {}): GhostView {
  const end = new Date(Date.parse(start) + 45 * 60_000).toISOString();
  return { id, task_id: `task-${id}`, title: `Task ${id}`, start, end, kind: "new", item: "task", replaces: [], reason: null, ...extra };
}

function preview(ghosts: GhostView[], extra: Partial<PlanPreview> = {}): PlanPreview {
  return { from: "2026-11-23T08:00:00Z", to: "2026-11-28T00:00:00Z", ghosts, at_risk: [], unscheduled: [], moved: 0, notes: [], planning_ms: 3, ...extra };
}

describe("planSummary", () => {
  test("counts blocks, tasks at risk and minutes left out", () => {
    const p = preview([ghost("a", "2026-11-23T09:00:00Z"), ghost("b", "2026-11-23T10:00:00Z")], {
      at_risk: [
        { task_id: "x", title: "X", late_min: 30, fully_placed: true, reason: "" },
        { task_id: "y", title: "Y", late_min: 0, fully_placed: false, reason: "" },
      ],
      unscheduled: [
        { task_id: "y", title: "Y", minutes: 60, reason: "no free hours" },
        { task_id: "z", title: "Z", minutes: 30, reason: "daily cap" },
      ],
    });
    expect(planSummary(p)).toBe("2 blocks, 2 tasks at risk, 1h 30m unscheduled");
    expect(unscheduledMinutes(p)).toBe(90);
  });

  test("one block, nothing at risk", () => {
    expect(planSummary(preview([ghost("a", "2026-11-23T09:00:00Z")]))).toBe("1 block");
  });

  test("a re-plan counts the blocks it moves apart from new blocks", () => {
    const move = ghost("a", "2026-11-23T09:00:00Z", { kind: "move", replaces: ["old"] });
    expect(planSummary(preview([move], { moved: 1 }))).toBe("Re-plan: 1 block to move");
    const p = preview([move, ghost("b", "2026-11-23T10:00:00Z"), ghost("c", "2026-11-23T11:00:00Z")], { moved: 1 });
    expect(planSummary(p)).toBe("Re-plan: 1 block to move, 2 new blocks");
  });

  test("a rejected move no longer counts as a block that would move", () => {
    const s = new PlanState();
    s.set(preview([ghost("a", "2026-11-23T09:00:00Z", { kind: "move", replaces: ["old"] }), ghost("b", "2026-11-23T10:00:00Z")], { moved: 1 }));
    s.remove("a");
    expect(s.preview?.moved).toBe(0);
    expect(planSummary(s.preview!)).toBe("1 block");
  });
});

describe("ghostToGridItem", () => {
  test("a timed ghost item with the planner's times, selection and kind", () => {
    const item = ghostToGridItem(ghost("a", "2026-11-23T09:00:00Z", { kind: "move" }), true);
    expect(item).toMatchObject({ kind: "ghost", id: "ghost/a", allDay: false, selected: true, title: "Task a" });
    expect(item.start.toISOString()).toBe("2026-11-23T09:00:00.000Z");
    expect(item.end.getTime() - item.start.getTime()).toBe(45 * 60_000);
    expect(isGhostProps(item.props)).toBe(true);
    expect(item.props).toMatchObject({ ghostId: "a", move: true, start: "2026-11-23T09:00:00Z" });
    expect(isGhostProps({ uid: "x" })).toBe(false);
  });
});

describe("PlanState", () => {
  test("selection only names a proposed ghost and survives a new preview that keeps it", () => {
    const s = new PlanState();
    s.set(preview([ghost("a", "2026-11-23T09:00:00Z"), ghost("b", "2026-11-23T10:00:00Z")]));
    s.select("nope");
    expect(s.selected).toBeNull();
    s.select("b");
    expect(s.selected?.id).toBe("b");
    s.set(preview([ghost("b", "2026-11-23T11:00:00Z")]));
    expect(s.selected?.start).toBe("2026-11-23T11:00:00Z");
    s.set(preview([ghost("c", "2026-11-23T11:00:00Z")]));
    expect(s.selected).toBeNull();
  });

  test("removing the selected ghost selects the next in time, else the previous", () => {
    const s = new PlanState();
    s.set(preview([ghost("late", "2026-11-24T09:00:00Z"), ghost("early", "2026-11-23T09:00:00Z"), ghost("mid", "2026-11-23T15:00:00Z")]));
    s.select("mid");
    s.remove("mid");
    expect(s.selected?.id).toBe("late");
    s.remove("late");
    expect(s.selected?.id).toBe("early");
    s.remove("early");
    expect(s.selected).toBeNull();
    expect(s.ghosts).toEqual([]);
  });

  test("grid items mark only the selected ghost", () => {
    const s = new PlanState();
    s.set(preview([ghost("a", "2026-11-23T09:00:00Z"), ghost("b", "2026-11-23T10:00:00Z")]));
    s.select("a");
    expect(s.toGridItems().map((i) => i.selected)).toEqual([true, false]);
    s.clear();
    expect(s.toGridItems()).toEqual([]);
  });
});
