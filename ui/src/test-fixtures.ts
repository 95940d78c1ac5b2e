// Builders for test data in the shapes the Rust commands return.
import type { CalendarView } from "./bindings/CalendarView";
import type { OccurrenceView } from "./bindings/OccurrenceView";
import type { TaskView } from "./bindings/TaskView";

export function occurrence(over: Partial<OccurrenceView> = {}): OccurrenceView {
  return {
    event_id: "ev-1",
    uid: "uid-1@miraage",
    recurrence_id: null,
    calendar_id: "cal-work",
    calendar: "Work",
    color: "#4f6bed",
    start: "2026-11-23T08:30:00Z",
    end: "2026-11-23T09:00:00Z",
    all_day: false,
    summary: "Planning",
    location: null,
    time_zone: "Europe/Paris",
    plan: null,
    read_only: null,
    ...over,
  };
}

export function calendar(over: Partial<CalendarView> = {}): CalendarView {
  return {
    id: "cal-work",
    account_id: "acc-local",
    account_name: "Local",
    provider: "local",
    name: "Work",
    color: "#4f6bed",
    visible: true,
    read_only: false,
    ...over,
  };
}

export function task(over: Partial<TaskView> = {}): TaskView {
  return {
    id: "task-1",
    list_id: "list-inbox",
    list_name: "Inbox",
    title: "Task",
    notes: null,
    estimate_min: null,
    due: null,
    priority: 0,
    status: "needs_action",
    project: null,
    tags: [],
    ...over,
  };
}
