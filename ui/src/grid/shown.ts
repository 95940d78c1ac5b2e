// The items drawn now, by id: what an element under a click, key or focus stands for, and
// the element of an item (elements are replaced on every drawing, so they are looked up).
import type { GridItem } from "./item";

export class ShownItems {
  private readonly byId = new Map<string, GridItem>();
  private readonly root: HTMLElement;

  constructor(root: HTMLElement) {
    this.root = root;
  }

  set(all: readonly GridItem[]): void {
    this.byId.clear();
    for (const item of all) this.byId.set(item.id, item);
  }

  get(id: string | undefined): GridItem | undefined {
    return this.byId.get(id ?? "");
  }

  /** The item element holding `target`, and its item. */
  at(target: EventTarget | null): [HTMLElement, GridItem] | null {
    const el = (target as Element | null)?.closest?.<HTMLElement>("[data-item]");
    const item = el ? this.get(el.dataset.item) : undefined;
    return el && item ? [el, item] : null;
  }

  element(id: string): HTMLElement | null {
    return this.root.querySelector<HTMLElement>(`[data-item="${CSS.escape(id)}"]`);
  }

  /** The id of the item holding the focus, if one does. */
  focusedId(): string | undefined {
    const active = document.activeElement;
    return active instanceof HTMLElement && this.root.contains(active) ? active.dataset.item : undefined;
  }
}
