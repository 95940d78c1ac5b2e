// Times held by a share (tentative busy events on the calendar): each listed with a start
// time and Book (the meeting the recipient took: the other holds of its share are released),
// and Release all.
import type { Api } from "../api";
import type { HoldView } from "../bindings/HoldView";
import { h } from "../dom";

export type HeldApi = Pick<Api, "listMeetingHolds" | "releaseMeetingHolds">;

export interface HeldTimes {
  root: HTMLElement;
  /** Lists the held times again (after a share, a booking). */
  refresh(): void;
}

const hm = (d: Date): string => `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;

/** "Tue, Dec 8 09:00–12:00 · Held: Intro call". */
export function heldText(held: HoldView): string {
  const start = new Date(held.start);
  const day = start.toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short" });
  return `${day} ${hm(start)}–${hm(new Date(held.end))} · ${held.title}`;
}

/** The instant at local `time` (HH:MM) on the local day of `day`, as RFC 3339. */
export function atTimeOf(day: string, time: string): string {
  const d = new Date(day);
  const [hh, mm] = time.split(":").map(Number);
  d.setHours(hh ?? 0, mm ?? 0, 0, 0);
  return d.toISOString();
}

/** The held times; `book(start)` books the meeting the panel describes at `start`. */
export function heldTimes(api: HeldApi, book: (start: string) => Promise<unknown>, showError: (e: unknown) => void): HeldTimes {
  const list = h("ul", { class: "meet-held-list", "data-testid": "meet-held-list" });
  const release = h("button", { type: "button", class: "btn btn-small", "data-testid": "meet-held-release", hidden: true }, "Release all");
  const said = h("p", { class: "meet-notes", "data-testid": "meet-held-said" });

  const show = (all: HoldView[]): void => {
    release.hidden = all.length === 0;
    list.replaceChildren(
      ...all.map((held) => {
        const time = h("input", {
          class: "input",
          type: "time",
          "data-testid": "meet-held-time",
          value: hm(new Date(held.start)),
          "aria-label": `Start of the meeting in ${held.title}`,
        });
        const button = h("button", { type: "button", class: "btn btn-small", "data-testid": "meet-held-book", title: "Book the meeting at this time" }, "Book");
        button.addEventListener("click", () => {
          said.textContent = "";
          book(atTimeOf(held.start, time.value)).then(refresh, showError);
        });
        return h("li", { class: "meet-slot", "data-testid": "meet-held", "data-start": held.start }, h("span", {}, heldText(held)), time, button);
      }),
    );
  };
  const refresh = (): void => {
    api.listMeetingHolds().then(show, showError);
  };
  release.addEventListener("click", () => {
    api.releaseMeetingHolds().then((n) => {
      said.textContent = `Released ${n} held time(s).`;
      refresh();
    }, showError);
  });

  refresh();
  return { root: h("section", { class: "meet-held", "data-testid": "meet-holds" }, list, release, said), refresh };
}
