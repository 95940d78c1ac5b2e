// Wall-clock dates and times of an instant in a named zone (the editor shows an event's times
// in its own zone, as Google Calendar does), through Intl: no zone data of our own.

export interface Wall {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  time: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The date and time `t` shows on a clock in `zone` (an IANA name). */
export function wallIn(t: Date, zone: string): Wall {
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(t)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** The user's own zone. */
export const localZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Every zone the platform knows (for the editor's list); the user's own if it knows none. */
export function knownZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf?.("timeZone") ?? [localZone()];
  } catch {
    return [localZone()];
  }
}
