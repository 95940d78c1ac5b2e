import { describe, expect, test } from "vitest";
import type { Attendee } from "../bindings/Attendee";
import { attendeeLine, guestsSummary, organizerLine, personName } from "./people";

const guest = (over: Partial<Attendee>): Attendee => ({
  name: null,
  email: "bruno@example.com",
  role: "required",
  status: "needs_action",
  is_self: false,
  ...over,
});

describe("guests are named by name, else address, with their answer", () => {
  test("names", () => {
    expect(personName(guest({ name: "Bruno Lima" }))).toBe("Bruno Lima");
    expect(personName(guest({ name: "  " }))).toBe("bruno@example.com");
    expect(personName(guest({ name: "Bruno Lima", is_self: true }))).toBe("you");
  });
  test("lines", () => {
    expect(attendeeLine(guest({ name: "Bruno Lima", role: "optional", status: "tentative" }))).toBe("Bruno Lima (optional): maybe");
    expect(attendeeLine(guest({ status: "accepted" }))).toBe("bruno@example.com: going");
    expect(attendeeLine(guest({ email: "room-4@example.com", role: "resource", status: "declined" }))).toBe("room-4@example.com (room): not going");
    expect(organizerLine({ name: "Ana Lima", email: "ana@example.com", is_self: false })).toBe("Organised by Ana Lima");
    expect(organizerLine({ name: "Ana Lima", email: "ana@example.com", is_self: true })).toBe("Organised by you");
  });
  test("the summary counts answers in a fixed order", () => {
    expect(guestsSummary([guest({ status: "tentative" }), guest({ status: "accepted" }), guest({ status: "accepted" })])).toBe("3 guests: 2 going, 1 maybe");
    expect(guestsSummary([guest({})])).toBe("1 guest: 1 not answered");
  });
});
