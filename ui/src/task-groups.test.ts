import { describe, expect, it } from "vitest";
import { task } from "./test-fixtures";
import { dueGroup, groupTasks } from "./task-groups";

// Wednesday 25 November 2026, 15:00 local (Europe/Paris in tests); the week ends Monday 30th.
const now = new Date(2026, 10, 25, 15, 0);
const shape = (groups: ReturnType<typeof groupTasks>) => groups.map((g) => [g.label, g.tasks.map((t) => t.title)]);

describe("dueGroup", () => {
  it("puts a date-only due in today until the day is over, a passed instant in overdue", () => {
    expect(dueGroup({ due: "2026-11-25" }, now)).toBe("today");
    expect(dueGroup({ due: "2026-11-24" }, now)).toBe("overdue");
    expect(dueGroup({ due: "2026-11-25T13:00:00Z" }, now)).toBe("overdue"); // 14:00 local
    expect(dueGroup({ due: "2026-11-25T17:00:00Z" }, now)).toBe("today");
  });

  it("keeps this week to the Monday-first week and everything after it later", () => {
    expect(dueGroup({ due: "2026-11-26" }, now)).toBe("week");
    expect(dueGroup({ due: "2026-11-29" }, now)).toBe("week"); // Sunday
    expect(dueGroup({ due: "2026-11-30" }, now)).toBe("later"); // next Monday
    expect(dueGroup({ due: null }, now)).toBe("none");
    expect(dueGroup({ due: "whenever" }, now)).toBe("none");
  });
});

describe("groupTasks", () => {
  const tasks = [
    task({ id: "1", title: "no date", project: "home" }),
    task({ id: "2", title: "late", due: "2026-11-20", project: "work" }),
    task({ id: "3", title: "friday", due: "2026-11-27", project: "work", priority: 2 }),
    task({ id: "4", title: "thursday", due: "2026-11-26" }),
    task({ id: "5", title: "december", due: "2026-12-10", project: "Admin" }),
    task({ id: "6", title: "now", due: "2026-11-25", priority: 1 }),
    task({ id: "7", title: "finished", due: "2026-11-20", status: "completed" }),
  ];

  it("groups by due in the order that needs doing, empty groups left out, completed last", () => {
    expect(shape(groupTasks(tasks, "due", now))).toEqual([
      ["Overdue", ["late"]],
      ["Today", ["now"]],
      ["This week", ["thursday", "friday"]],
      ["Later", ["december"]],
      ["No date", ["no date"]],
      ["Completed", ["finished"]],
    ]);
    expect(shape(groupTasks([task({ title: "a", due: "2026-11-26" })], "due", now))).toEqual([["This week", ["a"]]]);
  });

  it("groups by project by name, tasks without a project after them, each sorted by due", () => {
    expect(shape(groupTasks(tasks, "project", now))).toEqual([
      ["#Admin", ["december"]],
      ["#home", ["no date"]],
      ["#work", ["late", "friday"]],
      ["No project", ["now", "thursday"]],
      ["Completed", ["finished"]],
    ]);
  });

  it("gives groups keys that do not change with their contents", () => {
    expect(groupTasks(tasks, "project", now).map((g) => g.key)).toEqual(["project:Admin", "project:home", "project:work", "project:", "completed"]);
  });
});
