// What the window does to events: open the editor (new or existing), move or resize by
// drag, delete. A change to one occurrence of a series first asks which part of the series
// it is for; a refusal (a read-only calendar, a time that does not exist) is shown by its
// message and changes nothing. Each change is announced with its Undo (undo-toast.ts).
import type { Api } from "../api";
import type { EventDetailsView } from "../bindings/EventDetailsView";
import type { EventTarget } from "../bindings/EventTarget";
import type { Scope } from "../bindings/Scope";
import { formatWhen } from "../dates";
import type { EventItem } from "../grid/item";
import { noChanges, openEventEditor, type EditorResult } from "./editor";
import { askScope } from "./scope-dialog";

export interface EventActionsDeps {
  api: Pick<Api, "createEvent" | "updateEvent" | "deleteEvent" | "eventDetails" | "listCalendars" | "getSettings">;
  /** Events changed in the store: redraw. */
  refresh(): void;
  /** A change was made: say so, with its Undo. */
  done(message: string): void;
  onError(e: unknown): void;
}

export interface EventActions {
  /** Opens the editor on an event shown in the grid or the month. */
  edit(item: EventItem): Promise<void>;
  /** Opens the editor for a new event at these times; `closed` when it closes. */
  create(start: Date, end: Date, allDay: boolean, closed?: () => void): Promise<void>;
  /** Moves (or resizes) to new times; false when nothing was changed (cancelled, refused). */
  move(item: EventItem, start: Date, end: Date): Promise<boolean>;
  remove(item: EventItem): Promise<void>;
}

const quoted = (title: string): string => `“${title}”`;

/** Which event an action is on; `scope` asked when it is an occurrence of a series. */
function target(item: EventItem, scope: Scope | null): EventTarget {
  return { uid: item.props.uid, occurrence: item.props.recurrenceId, scope, calendar_id: item.props.calendarId };
}

export function createEventActions(deps: EventActionsDeps): EventActions {
  /** The scope for a change to `item`; undefined when the user cancelled. */
  async function scopeFor(item: EventItem, verb: "Edit" | "Delete" | "Move"): Promise<Scope | null | undefined> {
    if (!item.props.recurrenceId) return null;
    return (await askScope(verb)) ?? undefined;
  }

  async function editorDeps(submit: (r: EditorResult) => Promise<void>, onClose?: () => void) {
    const [calendars, settings] = await Promise.all([deps.api.listCalendars(), deps.api.getSettings()]);
    return { calendars, defaultCalendarId: settings.plan_calendar_id, submit, onClose };
  }

  function refused(item: EventItem): boolean {
    if (!item.props.readOnly) return false;
    deps.onError(new Error(item.props.readOnly));
    return true;
  }

  async function removeWith(item: EventItem, scope: Scope | null): Promise<void> {
    await deps.api.deleteEvent(target(item, scope));
    deps.refresh();
    deps.done(`Deleted ${quoted(item.title)}${scope === "following" ? " and the events after it" : scope === "all" ? " (every event of the series)" : ""}`);
  }

  return {
    async edit(item) {
      let details: EventDetailsView;
      try {
        details = await deps.api.eventDetails(item.props.uid, item.props.recurrenceId);
        // Checked first so the refusal comes before any dialog.
      } catch (e) {
        deps.onError(e);
        return;
      }
      if (details.read_only) {
        deps.onError(new Error(details.read_only));
        return;
      }
      openEventEditor(
        { kind: "existing", details },
        await editorDeps(async (r) => {
          if (r.remove) {
            const scope = await scopeFor(item, "Delete");
            if (scope === undefined) throw new Error("Nothing was deleted.");
            await removeWith(item, scope);
            return;
          }
          if (!r.changes) return;
          const scope = await scopeFor(item, "Edit");
          if (scope === undefined) throw new Error("Nothing was changed: choose which events to change, or Cancel.");
          const saved = await deps.api.updateEvent({ target: target(item, scope), changes: r.changes });
          deps.refresh();
          deps.done(`Saved ${quoted(saved.title)}`);
        }),
      );
    },

    async create(start, end, allDay, closed) {
      let editor;
      try {
        editor = await editorDeps(async (r) => {
          if (!r.draft) return;
          const created = await deps.api.createEvent(r.draft);
          deps.refresh();
          deps.done(`Created ${quoted(created.title)}`);
        }, closed);
      } catch (e) {
        closed?.();
        deps.onError(e);
        return;
      }
      openEventEditor({ kind: "new", start, end, allDay }, editor);
    },

    async move(item, start, end) {
      if (refused(item)) return false;
      const scope = await scopeFor(item, "Move");
      if (scope === undefined) return false;
      try {
        await deps.api.updateEvent({
          target: target(item, scope),
          changes: { ...noChanges(), start: start.toISOString(), end: end.toISOString() },
        });
      } catch (e) {
        deps.onError(e);
        return false;
      }
      deps.refresh();
      deps.done(`Moved ${quoted(item.title)} to ${formatWhen(start, end, false)}`);
      return true;
    },

    async remove(item) {
      if (refused(item)) return;
      const scope = await scopeFor(item, "Delete");
      if (scope === undefined) return;
      try {
        await removeWith(item, scope);
      } catch (e) {
        deps.onError(e);
      }
    },
  };
}
