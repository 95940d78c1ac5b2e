// Grid items for the grid's unit tests, built the way the window builds them.
import type { GhostView } from "../bindings/GhostView";
import { ghostToGridItem } from "../plan-state";
import { occurrence } from "../test-fixtures";
import { toGridItem } from "../to-grid";
import type { EventItem, GhostItem } from "./item";

export function eventItem(start: Date, minutes: number, over: Parameters<typeof occurrence>[0] = {}): EventItem {
  const end = new Date(start.getTime() + minutes * 60_000);
  return toGridItem(occurrence({ uid: `uid-${start.toISOString()}`, start: start.toISOString(), end: end.toISOString(), ...over }));
}

export function ghostItem(start: Date, minutes: number, over: Partial<GhostView> = {}, selected = false): GhostItem {
  const end = new Date(start.getTime() + minutes * 60_000);
  const g: GhostView = {
    id: "g1",
    task_id: "task-1",
    title: "Write report",
    start: start.toISOString(),
    end: end.toISOString(),
    kind: "new",
    item: "task",
    replaces: [],
    reason: null,
    ...over,
  };
  return ghostToGridItem(g, selected);
}
