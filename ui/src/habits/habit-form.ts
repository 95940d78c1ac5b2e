// The habit form's values and the HabitDraft they make: pure, so that it is tested alone.
import type { HabitDraft } from "../bindings/HabitDraft";
import type { HabitView } from "../bindings/HabitView";

/** What the form holds, as typed. */
export interface HabitFields {
  title: string;
  focus: boolean;
  minutes: string;
  per: "day" | "week";
  sessionMin: string;
  sessionMax: string;
  /** "window": its own windows (one spec a line); else the name of an hour set. */
  place: string;
  windows: string;
  preferred: "" | "morning" | "afternoon" | "evening";
  priority: string;
  project: string;
}

export const EMPTY_HABIT: HabitFields = {
  title: "",
  focus: false,
  minutes: "",
  per: "week",
  sessionMin: "",
  sessionMax: "",
  place: "window",
  windows: "",
  preferred: "",
  priority: "2",
  project: "",
};

export function fieldsFromView(v: HabitView): HabitFields {
  return {
    title: v.title,
    focus: v.kind === "focus",
    minutes: String(v.minutes),
    per: v.per,
    sessionMin: String(v.session_min),
    sessionMax: String(v.session_max),
    place: v.hour_set ?? "window",
    windows: v.windows.join("\n"),
    preferred: v.preferred ?? "",
    priority: String(v.priority),
    project: v.project ?? "",
  };
}

function whole(s: string): number | null {
  const t = s.trim();
  return /^\d+$/.test(t) ? Number(t) : null;
}

/** The draft the core checks; the form's own mistakes (no number) are named here first. */
export function draftFromFields(f: HabitFields): HabitDraft | { error: string } {
  const minutes = whole(f.minutes);
  if (minutes === null || minutes === 0) return { error: "Minutes: type how many minutes per day or week, like 300." };
  const min = f.sessionMin.trim() === "" ? minutes : whole(f.sessionMin);
  const max = f.sessionMax.trim() === "" ? minutes : whole(f.sessionMax);
  if (min === null || max === null) return { error: "Session: type the shortest and longest session in minutes, like 60 and 90." };
  const windows =
    f.place === "window"
      ? f.windows
          .split("\n")
          .map((w) => w.trim())
          .filter((w) => w !== "")
      : [];
  return {
    title: f.title.trim(),
    kind: f.focus ? "focus" : "habit",
    minutes,
    per: f.per,
    session: [min, max],
    windows,
    hour_set: f.place === "window" ? null : f.place,
    preferred: f.preferred === "" ? null : f.preferred,
    priority: Number(f.priority),
    project: f.project.trim() === "" ? null : f.project.trim(),
  };
}
