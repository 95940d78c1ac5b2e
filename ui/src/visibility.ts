// Which calendars are shown. Hiding is a client-side filter for now: the store's `visible`
// flag only seeds the initial state.
import type { CalendarView } from "./bindings/CalendarView";
import type { OccurrenceView } from "./bindings/OccurrenceView";

export class Visibility {
  private readonly hidden = new Set<string>();

  constructor(calendars: readonly CalendarView[] = []) {
    this.reset(calendars);
  }

  reset(calendars: readonly CalendarView[]): void {
    this.hidden.clear();
    for (const c of calendars) if (!c.visible) this.hidden.add(c.id);
  }

  isVisible(calendarId: string): boolean {
    return !this.hidden.has(calendarId);
  }

  set(calendarId: string, visible: boolean): void {
    if (visible) this.hidden.delete(calendarId);
    else this.hidden.add(calendarId);
  }

  filter(occurrences: readonly OccurrenceView[]): OccurrenceView[] {
    return occurrences.filter((o) => this.isVisible(o.calendar_id));
  }
}

export interface AccountGroup {
  accountId: string;
  accountName: string;
  provider: string;
  calendars: CalendarView[];
}

/** Groups calendars under their account, keeping the order in which the store listed them. */
export function groupByAccount(calendars: readonly CalendarView[]): AccountGroup[] {
  const groups = new Map<string, AccountGroup>();
  for (const c of calendars) {
    let g = groups.get(c.account_id);
    if (!g) {
      g = { accountId: c.account_id, accountName: c.account_name, provider: c.provider, calendars: [] };
      groups.set(c.account_id, g);
    }
    g.calendars.push(c);
  }
  return [...groups.values()];
}
