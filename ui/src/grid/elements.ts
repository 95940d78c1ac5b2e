// The element of one event or ghost: its box, its text and every attribute the rest of the
// window and the end-to-end tests read (data-testid, data-item, data-ghost-id, ...).
import type { GridItem } from "./item";
import type { Bar, Placed } from "./layout";
import { barBox, timedBox } from "./metrics";
import { extraLine, itemLabel, timeSpan } from "./text";

/** Title, time and (events) location or (ghosts) what the block is. */
function body(item: GridItem, withTime: boolean): HTMLElement {
  const el = document.createElement("div");
  el.className = "ev-body";
  const title = document.createElement("span");
  title.className = "ev-title";
  title.textContent = item.title;
  el.append(title);
  if (withTime) {
    const time = document.createElement("span");
    time.className = "ev-time";
    time.textContent = timeSpan(item.start, item.end);
    el.append(time);
  }
  const extra = extraLine(item);
  if (extra) {
    const line = document.createElement("span");
    line.className = "ev-location";
    line.textContent = extra;
    el.append(line);
  }
  return el;
}

/** An event or ghost as a focusable button, with its test hooks and screen-reader label. */
function itemElement(item: GridItem, style: string, extraClass: string, withTime: boolean): HTMLElement {
  const el = document.createElement("div");
  el.tabIndex = 0;
  el.setAttribute("role", "button");
  el.dataset.item = item.id;
  el.style.cssText = style;
  if (item.kind === "ghost") {
    const g = item.props;
    el.className = `wg-item ghost${g.move ? " ghost-move" : ""}${item.selected ? " is-selected" : ""}${extraClass}`;
    el.dataset.testid = "ghost";
    el.dataset.ghostId = g.ghostId;
    el.dataset.taskId = g.taskId;
    el.dataset.start = g.start;
    el.dataset.end = item.end.toISOString();
    if (g.reason) {
      el.dataset.reason = g.reason;
      el.title = g.reason;
    }
  } else {
    const p = item.props;
    el.className = `wg-item${p.plan ? " is-plan" : ""}${p.plan?.locked ? " is-locked" : ""}${extraClass}`;
    el.dataset.testid = "event";
    if (p.plan) el.dataset.plan = p.plan.project ?? "";
    if (p.plan?.locked) el.dataset.locked = "true";
    el.dataset.uid = p.uid;
    el.dataset.start = p.start;
    el.dataset.calendarId = p.calendarId;
    el.style.setProperty("--event-color", item.color);
    el.style.setProperty("--event-text", item.textColor);
  }
  el.setAttribute("aria-label", itemLabel(item));
  el.append(body(item, withTime));
  return el;
}

/** A timed segment in its day column. */
export function timedElement(p: Placed): HTMLElement {
  const { style, short } = timedBox(p);
  const classes = `${short ? " is-short" : ""}${p.fromBefore ? " from-before" : ""}${p.toAfter ? " to-after" : ""}`;
  const el = itemElement(p.item, style, classes, true);
  // An event the user may change can be dragged (move) and resized by its bottom edge; a
  // read-only one shows no handle and says why in its tooltip.
  if (p.item.kind === "event") {
    const readOnly = p.item.props.readOnly;
    if (readOnly) {
      el.classList.add("is-read-only");
      el.title = readOnly;
    } else if (!p.toAfter) {
      el.classList.add("is-editable");
      el.append(Object.assign(document.createElement("div"), { className: "ev-resize", ariaHidden: "true" }));
    } else {
      el.classList.add("is-editable");
    }
  }
  return el;
}

/** An all-day bar in the all-day row of `days` days. */
export function barElement(b: Bar, days: number): HTMLElement {
  const classes = ` is-allday${b.fromBefore ? " from-before" : ""}${b.toAfter ? " to-after" : ""}`;
  return itemElement(b.item, barBox(b, days), classes, false);
}
