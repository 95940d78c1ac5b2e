// The mouse on the grid: a click opens an event or accepts a ghost where it is; dragging a
// ghost (drag.ts) previews it at whole 15-minute steps and accepts it where it is dropped,
// scrolling the hours when the pointer nears their edge.
import { bindGhostDrag, type Geometry } from "./drag";
import type { EventItem } from "./item";
import { PX_PER_MINUTE } from "./metrics";
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
  /** Redraws the items as they are (a dragged ghost put back). */
  putBack(): void;
}

export function bindPointer(root: HTMLElement, deps: PointerDeps): void {
  const { sk, shown } = deps;
  const drag = bindGhostDrag(root, {
    geometry(): Geometry {
      const r = sk.cols.getBoundingClientRect();
      return { left: r.left, top: r.top, width: r.width, days: sk.days.length, pxPerMinute: PX_PER_MINUTE };
    },
    ghost: (el) => {
      const item = shown.get(el.dataset.item);
      return item?.kind === "ghost" ? item : undefined;
    },
    preview: (el, item, start) => previewAt(sk, el, item, start),
    edge(y) {
      // The hours visible run from under the sticky head to the scroller's bottom.
      const by = edgeScroll(y, sk.head.getBoundingClientRect().bottom, sk.scroller.getBoundingClientRect().bottom);
      if (by !== 0) sk.scroller.scrollTop += by;
    },
    drop(item, start) {
      if (start) deps.accept(item.props.ghostId, start);
      else deps.putBack();
    },
  });

  root.addEventListener("click", (e) => {
    const hit = shown.at(e.target);
    if (!hit || drag.endedDrag()) return;
    e.preventDefault();
    const [el, item] = hit;
    if (item.kind === "ghost") deps.accept(item.props.ghostId, null);
    else deps.openEvent(item, el);
  });
}
