// Typed wrappers over the Rust commands. Types come from ts-rs (src/bindings/, generated).
import { invoke, type InvokeArgs } from "@tauri-apps/api/core";
import type { AppInfo } from "./bindings/AppInfo";
import type { CalendarView } from "./bindings/CalendarView";
import type { OccurrenceView } from "./bindings/OccurrenceView";
import type { TaskView } from "./bindings/TaskView";

/** A failed command, named so the error banner can say what failed. */
export class CommandError extends Error {
  readonly command: string;
  readonly detail: string;

  constructor(command: string, cause: unknown) {
    const detail = describeError(cause);
    super(`${command}: ${detail}`, { cause });
    this.name = "CommandError";
    this.command = command;
    this.detail = detail;
  }
}

/** Rust errors arrive as strings or serialised structs; make either readable. */
export function describeError(e: unknown): string {
  if (typeof e === "string") return e;
  if (e instanceof Error) return e.message;
  if (typeof e === "object" && e !== null) {
    const message = (e as { message?: unknown }).message;
    if (typeof message === "string") return message;
    try {
      return JSON.stringify(e);
    } catch {
      return String(e);
    }
  }
  return String(e);
}

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw new CommandError(command, e);
  }
}

export const api = {
  listCalendars: (): Promise<CalendarView[]> => call("list_calendars"),
  /** Occurrences overlapping [from, to), both RFC 3339 instants; sorted by start. */
  listOccurrences: (from: string, to: string): Promise<OccurrenceView[]> => call("list_occurrences", { from, to }),
  listTasks: (): Promise<TaskView[]> => call("list_tasks"),
  appInfo: (): Promise<AppInfo> => call("app_info"),
};

export type Api = typeof api;
