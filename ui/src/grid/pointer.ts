// The mouse on the grid: a click opens an event or accepts a ghost where it is; dragging a
// ghost (drag.ts) previews it at whole 15-minute steps and accepts it where it is dropped,
// scrolling the hours when the pointer nears their edge.
import { bindGhostDrag, type Geometry } from "./drag";
import { bindEventDrag } from "./event-drag";
import type { EventItem } from "./item";
import { dayIndex } from "./layout";
import { previewBox, PX_PER_MINUTE } from "./metrics";
import { previewAt } from "./preview";
import { edgeScroll } from "./scroll";
import type { ShownItems } from "./shown";
import type { Skeleton } from "./skeleton";

export interface PointerDeps {
  sk: Skeleton;
  shown: ShownItems;
  /** A ghost clicked (start null: where it is) or dropped at a new start. */
  accept(ghostId: string, start: Date | null): void;
  openEvent(item: EventItem, el: HTMLElement): void;
  /** An event dragged to new times; resolves false when it was not changed (put it back). */
  changeEvent(item: EventItem, start: Date, end: Date): Promise<boolean>;
  /** Empty time dragged or clicked: a new event there; `done` when the editor closes. */
  createEvent(start: Date, end: Date, done: () => void): void;
  /** Redraws the items as they are (a dragged ghost put back). */
  putBack(): void;
}

export function bindPointer(root: HTMLElement, deps: PointerDeps): void {
  const { sk, shown } = deps;
  const geometry = (): Geometry => {
    const r = sk.cols.getBoundingClientRect();
    return { left: r.left, top: r.top, width: r.width, days: sk.days.length, pxPerMinute: PX_PER_MINUTE };
  };
  const edge = (y: number): void => {
    // The hours visible run from under the sticky head to the scroller's bottom.
    const by = edgeScroll(y, sk.head.getBoundingClientRect().bottom, sk.scroller.getBoundingClientRect().bottom);
    if (by !== 0) sk.scroller.scrollTop += by;
  };
  const drag = bindGhostDrag(root, {
    geometry,
    ghost: (el) => {
      const item = shown.get(el.dataset.item);
      return item?.kind === "ghost" ? item : undefined;
    },
    preview: (el, item, start) => previewAt(sk, el, item, start),
    edge,
    drop(item, start) {
      if (start) deps.accept(item.props.ghostId, start);
      else deps.putBack();
    },
  });

  // The new event's outline while it is drafted and its editor is open.
  let draftEl: HTMLElement | null = null;
  const showDraft = (range: { start: Date; end: Date } | null): void => {
    const col = range ? sk.columns[dayIndex(sk.days, range.start)] : undefined;
    if (!range || !col) {
      draftEl?.remove();
      draftEl = null;
      return;
    }
    draftEl ??= Object.assign(document.createElement("div"), { className: "wg-draft" });
    draftEl.dataset.testid = "event-draft";
    draftEl.style.cssText = previewBox(range.start, (range.end.getTime() - range.start.getTime()) / 60_000);
    if (draftEl.parentElement !== col) col.append(draftEl);
  };
  const eventDrag = bindEventDrag(root, () => sk.cols, {
    geometry,
    days: () => sk.days,
    event: (el) => {
      const item = shown.get(el.dataset.item);
      return item?.kind === "event" ? item : undefined;
    },
    preview: (el, item, start, end) => previewAt(sk, el, item, start, (end.getTime() - start.getTime()) / 60_000),
    draft: showDraft,
    change(item, start, end) {
      void deps.changeEvent(item, start, end).then((changed) => {
        if (!changed) deps.putBack();
      });
    },
    create: (start, end) => deps.createEvent(start, end, () => showDraft(null)),
    putBack: deps.putBack,
    edge,
  });

  root.addEventListener("click", (e) => {
    const hit = shown.at(e.target);
    if (!hit || drag.endedDrag() || eventDrag.endedDrag()) return;
    e.preventDefault();
    const [el, item] = hit;
    if (item.kind === "ghost") deps.accept(item.props.ghostId, null);
    else deps.openEvent(item, el);
  });
}
