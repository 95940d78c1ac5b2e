import { describe, expect, it } from "vitest";
import type { TaskDetails } from "./bindings/TaskDetails";
import { task } from "./test-fixtures";
import { formFromDetails, isEmptyChange, parseTags, taskChanges, type TaskForm } from "./task-changes";

function details(over: Partial<TaskDetails> = {}, taskOver: Parameters<typeof task>[0] = {}): TaskDetails {
  return {
    task: task({
      id: "t1",
      title: "Write report",
      notes: "Draft first",
      estimate_min: 90,
      due: "2026-11-27",
      priority: 2,
      project: "work",
      tags: ["deep"],
      ...taskOver,
    }),
    hard_due: false,
    earliest_start: null,
    hours: "work",
    chunks: null,
    depends_on: [{ id: "t0", title: "Collect numbers" }],
    completed_at: null,
    ...over,
  };
}

const edit = (d: TaskDetails, over: Partial<TaskForm>) => taskChanges(d, { ...formFromDetails(d), ...over });

describe("formFromDetails", () => {
  it("shows each field as the user would type it", () => {
    const f = formFromDetails(details({ earliest_start: "2026-11-24T08:30:00Z", chunks: [30, 60] }, { due: "2026-11-27T16:00:00Z" }));
    expect(f).toMatchObject({
      title: "Write report",
      notes: "Draft first",
      estimate: "1h30m",
      dueDate: "2026-11-27",
      dueTime: "17:00",
      startDate: "2026-11-24",
      startTime: "09:30",
      chunkMin: "30",
      chunkMax: "60",
      dependsOn: ["t0"],
      project: "work",
      tags: "deep",
    });
  });

  it("shows a start at local midnight as its date alone", () => {
    expect(formFromDetails(details({ earliest_start: "2026-11-23T23:00:00Z" }))).toMatchObject({ startDate: "2026-11-24", startTime: "" });
  });
});

describe("taskChanges", () => {
  it("sends nothing when nothing changed, even for a timed due spelled differently", () => {
    const d = details({ earliest_start: "2026-11-24T08:30:00+00:00", chunks: [30, 60] }, { due: "2026-11-27T16:00:00+00:00" });
    const r = taskChanges(d, formFromDetails(d));
    expect(r).toEqual({ changes: {} });
    expect("changes" in r && isEmptyChange(r.changes)).toBe(true);
  });

  it("sends only the fields that changed", () => {
    expect(edit(details(), { title: "  Write the report ", priority: 1 })).toEqual({ changes: { title: "Write the report", priority: 1 } });
    expect(edit(details(), { estimate: "45" })).toEqual({ changes: { estimate_min: 45 } });
    expect(edit(details(), { hours: "personal", hardDue: true })).toEqual({ changes: { hours: "personal", hard_due: true } });
  });

  it("sends every field when every field changed", () => {
    const r = edit(details(), {
      title: "Report v2",
      notes: "",
      estimate: "2h",
      dueDate: "2026-12-01",
      dueTime: "10:00",
      hardDue: true,
      startDate: "2026-11-26",
      startTime: "",
      priority: 4,
      hours: "personal",
      chunkMin: "25",
      chunkMax: "50",
      dependsOn: ["t8", "t9"],
      project: "#home",
      tags: "#quiet, evening evening",
    });
    expect(r).toEqual({
      changes: {
        title: "Report v2",
        notes: null,
        estimate_min: 120,
        due: "2026-12-01T09:00:00.000Z",
        hard_due: true,
        earliest_start: "2026-11-25T23:00:00.000Z",
        priority: 4,
        hours: "personal",
        chunks: [25, 50],
        depends_on: ["t8", "t9"],
        project: "home",
        tags: ["quiet", "evening", "personal"],
      },
    });
  });

  it("clears with null what may be empty", () => {
    const d = details({ earliest_start: "2026-11-24T08:30:00Z", chunks: [30, 60] });
    expect(edit(d, { estimate: "", dueDate: "", startDate: "", startTime: "", chunkMin: "", chunkMax: "", project: "", tags: "", dependsOn: [] })).toEqual({
      changes: { estimate_min: null, due: null, earliest_start: null, chunks: null, project: null, tags: [], depends_on: [] },
    });
  });

  it("drops a hard due with the due date", () => {
    expect(edit(details({ hard_due: true }), { dueDate: "" })).toEqual({ changes: { due: null, hard_due: false } });
    expect(edit(details(), { dueDate: "", hardDue: true })).toEqual({ changes: { due: null } });
  });

  it("keeps a date-only due date-only and ignores the order of dependencies", () => {
    const d = details({
      depends_on: [
        { id: "a", title: "A" },
        { id: "b", title: "B" },
      ],
    });
    expect(edit(d, { dueDate: "2026-11-30", dependsOn: ["b", "a"] })).toEqual({ changes: { due: "2026-11-30" } });
  });

  it("refuses what it cannot read, naming the field and what to type", () => {
    expect(edit(details(), { estimate: "soon" })).toEqual({ error: expect.stringContaining("Estimate") });
    expect(edit(details(), { chunkMin: "30", chunkMax: "" })).toEqual({ error: expect.stringContaining("both the smallest and the largest") });
    expect(edit(details(), { chunkMin: "half", chunkMax: "60" })).toEqual({ error: expect.stringContaining("whole minutes") });
    expect(edit(details(), { dueDate: "27/11" })).toEqual({ error: expect.stringContaining("Due") });
  });
});

describe("personal hours, which the core keeps as the tag personal", () => {
  const personal = details({ hours: "personal" }, { tags: ["deep", "personal"] });

  it("are shown as the hours choice, not as a tag", () => {
    expect(formFromDetails(personal)).toMatchObject({ hours: "personal", tags: "deep" });
    expect(taskChanges(personal, formFromDetails(personal))).toEqual({ changes: {} });
  });

  it("keep the tag when other tags change, and lose it with the choice of work hours", () => {
    expect(edit(personal, { tags: "deep, quiet" })).toEqual({ changes: { tags: ["deep", "quiet", "personal"] } });
    expect(edit(personal, { hours: "work" })).toEqual({ changes: { hours: "work" } });
    expect(edit(personal, { hours: "work", tags: "quiet personal" })).toEqual({ changes: { hours: "work", tags: ["quiet"] } });
  });
});

describe("parseTags", () => {
  it("splits on commas and spaces, drops # and duplicates", () => {
    expect(parseTags(" #a, b  c,,a ")).toEqual(["a", "b", "c"]);
    expect(parseTags("")).toEqual([]);
  });
});
