import { describe, expect, it } from "vitest";
import { calendar, occurrence } from "./test-fixtures";
import { groupByAccount, Visibility } from "./visibility";

const work = calendar({ id: "work" });
const home = calendar({ id: "home", name: "Home" });
const holidays = calendar({ id: "hol", name: "Holidays", visible: false, account_id: "acc-ics", account_name: "Subscriptions", provider: "ics" });

describe("Visibility", () => {
  it("starts from the store's visible flags", () => {
    const v = new Visibility([work, home, holidays]);
    expect(v.isVisible("work")).toBe(true);
    expect(v.isVisible("hol")).toBe(false);
  });

  it("filters occurrences of hidden calendars only", () => {
    const v = new Visibility([work, home, holidays]);
    const list = [occurrence({ uid: "1", calendar_id: "work" }), occurrence({ uid: "2", calendar_id: "hol" }), occurrence({ uid: "3", calendar_id: "home" })];
    expect(v.filter(list).map((o) => o.uid)).toEqual(["1", "3"]);
    v.set("work", false);
    expect(v.filter(list).map((o) => o.uid)).toEqual(["3"]);
    v.set("hol", true);
    v.set("work", true);
    expect(v.filter(list).map((o) => o.uid)).toEqual(["1", "2", "3"]);
  });

  it("shows calendars it has never heard of", () => {
    expect(new Visibility([]).filter([occurrence({ calendar_id: "new" })])).toHaveLength(1);
  });

  it("forgets earlier toggles when reset with a fresh calendar list", () => {
    const v = new Visibility([work]);
    v.set("work", false);
    v.reset([work]);
    expect(v.isVisible("work")).toBe(true);
  });
});

describe("groupByAccount", () => {
  it("groups calendars under their account in listing order", () => {
    const groups = groupByAccount([work, holidays, home]);
    expect(groups.map((g) => g.accountName)).toEqual(["Local", "Subscriptions"]);
    expect(groups[0]?.calendars.map((c) => c.id)).toEqual(["work", "home"]);
    expect(groups[1]).toMatchObject({ accountId: "acc-ics", provider: "ics" });
  });
});
