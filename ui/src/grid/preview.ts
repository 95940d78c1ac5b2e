// A ghost shown at a new start before it is accepted there (dragged, or moved with the
// keyboard): its element is moved into that day's column and restyled in place.
import type { GridItem } from "./item";
import { dayIndex } from "./layout";
import { previewBox } from "./metrics";
import type { Skeleton } from "./skeleton";
import { timeSpan } from "./text";

/** Shows `item` at `start`; `minutes` (a resize) replaces its length. */
export function previewAt(sk: Skeleton, el: HTMLElement, item: GridItem, start: Date, minutes = (item.end.getTime() - item.start.getTime()) / 60_000): void {
  const col = sk.columns[dayIndex(sk.days, start)];
  if (!col) return;
  el.style.cssText = previewBox(start, minutes);
  const time = el.querySelector(".ev-time");
  if (time) time.textContent = timeSpan(start, new Date(start.getTime() + minutes * 60_000));
  if (el.parentElement !== col) {
    // Moving a node drops its focus; a keyboard move must keep it.
    const focused = document.activeElement === el;
    col.append(el);
    if (focused) el.focus();
  }
}
