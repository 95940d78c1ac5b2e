// The plan shown over the week: the latest preview from the planner, which ghost is
// selected, and how ghosts are drawn. Pure state, no DOM, so it is unit-tested.
import type { GhostView } from "./bindings/GhostView";
import type { PlanPreview } from "./bindings/PlanPreview";
import type { GhostItem } from "./grid/item";
import { formatEstimate } from "./tasks";

/** What a ghost block carries besides its times. */
export interface GhostProps {
  ghost: true;
  ghostId: string;
  taskId: string;
  move: boolean;
  /** The start exactly as the planner proposed it. */
  start: string;
  /** Why the block is here (a move always says why), naming things by their title. */
  reason: string | null;
}

export const GHOST_COLOR = "#7c5cff";

export function isGhostProps(p: unknown): p is GhostProps {
  return typeof p === "object" && p !== null && (p as { ghost?: unknown }).ghost === true;
}

/** A ghost as the grid draws it: never all-day; dragging moves its start, its length is the planner's. */
export function ghostToGridItem(g: GhostView, selected: boolean): GhostItem {
  return {
    kind: "ghost",
    id: `ghost/${g.id}`,
    title: g.title,
    start: new Date(g.start),
    end: new Date(g.end),
    allDay: false,
    selected,
    props: { ghost: true, ghostId: g.id, taskId: g.task_id, move: g.kind === "move", start: g.start, reason: g.reason },
  };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Minutes the plan leaves out, over every task. */
export function unscheduledMinutes(p: PlanPreview): number {
  return p.unscheduled.reduce((sum, u) => sum + u.minutes, 0);
}

/**
 * "12 new blocks, 2 tasks at risk, 1h 30m unscheduled"; a re-plan says how many accepted
 * blocks it would move, counted apart from new blocks.
 */
export function planSummary(p: PlanPreview): string {
  const parts: string[] = [];
  const moves = p.ghosts.filter((g) => g.kind === "move").length;
  const fresh = p.ghosts.length - moves;
  if (moves > 0) parts.push(`Re-plan: ${plural(moves, "block")} to move`);
  if (fresh > 0 || moves === 0) parts.push(plural(fresh, moves > 0 ? "new block" : "block"));
  if (p.at_risk.length > 0) parts.push(`${plural(p.at_risk.length, "task")} at risk`);
  const left = unscheduledMinutes(p);
  if (left > 0) parts.push(`${formatEstimate(left)} unscheduled`);
  return parts.join(", ");
}

export class PlanState {
  private current: PlanPreview | null = null;
  private selectedId: string | null = null;

  get preview(): PlanPreview | null {
    return this.current;
  }

  get ghosts(): readonly GhostView[] {
    return this.current?.ghosts ?? [];
  }

  get selected(): GhostView | null {
    return this.ghosts.find((g) => g.id === this.selectedId) ?? null;
  }

  /** A new preview; the selection survives if its ghost is still proposed. */
  set(p: PlanPreview | null): void {
    this.current = p;
    if (!this.selected) this.selectedId = null;
  }

  clear(): void {
    this.set(null);
  }

  select(id: string | null): void {
    this.selectedId = id !== null && this.ghosts.some((g) => g.id === id) ? id : null;
  }

  /** Drops one ghost (rejected); the next one in time is selected. */
  remove(id: string): void {
    if (!this.current) return;
    const sorted = this.sorted();
    const at = sorted.findIndex((g) => g.id === id);
    const gone = sorted[at];
    // A rejected move no longer counts as a block that would move.
    const moved = Math.max(0, this.current.moved - (gone?.replaces.length ?? 0));
    this.current = { ...this.current, moved, ghosts: this.current.ghosts.filter((g) => g.id !== id) };
    if (this.selectedId === id) this.selectedId = sorted[at + 1]?.id ?? sorted[at - 1]?.id ?? null;
  }

  /** Ghosts in time order. */
  sorted(): GhostView[] {
    return [...this.ghosts].sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.title.localeCompare(b.title));
  }

  toGridItems(): GhostItem[] {
    return this.ghosts.map((g) => ghostToGridItem(g, g.id === this.selectedId));
  }
}
