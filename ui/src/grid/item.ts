// What the week grid draws: store occurrences and the plan's ghost blocks, in one shape.
import type { GhostProps } from "../plan-state";
import type { OccurrenceProps } from "../to-grid";

interface ItemBase {
  /** Unique among the items drawn together. */
  id: string;
  title: string;
  /** Timed: the instant. All-day: local midnight of the first day. */
  start: Date;
  /** Exclusive: the instant it ends, or local midnight after the last day. */
  end: Date;
  allDay: boolean;
}

/** An occurrence from the store, coloured by its calendar. */
export interface EventItem extends ItemBase {
  kind: "event";
  color: string;
  textColor: string;
  props: OccurrenceProps;
}

/** A block the planner proposes: dashed and translucent, draggable, never all-day. */
export interface GhostItem extends ItemBase {
  kind: "ghost";
  allDay: false;
  selected: boolean;
  props: GhostProps;
}

export type GridItem = EventItem | GhostItem;
