// Accepted plan blocks in the week grid: where one is drawn (with its lock mark) and opening
// its details popover, shared by the plan-control and habits tests.
import { clickAt } from "./lib.mjs";

/** The grid element of the plan block `title` (its centre and lock mark), or null. */
export function blockBox(browser, title) {
  return browser.execute((t) => {
    const el = [...document.querySelectorAll('[data-testid="event"]')].find((e) => e.querySelector(".ev-title")?.textContent === t);
    if (!el) return null;
    el.scrollIntoView({ block: "center" });
    const r = el.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2, locked: el.dataset.locked === "true" };
  }, title);
}

/** Clicks the block `title` until its details show the Lock button (a click may land while the grid redraws). */
export async function openBlockDetails(browser, title) {
  for (let attempt = 0; attempt < 3 && !(await browser.$('[data-testid="block-lock"]').isExisting()); attempt++) {
    let box = null;
    await browser.waitUntil(async () => (box = await blockBox(browser, title)) !== null, { timeout: 10_000, timeoutMsg: `${title} is drawn` });
    await clickAt(browser, box);
    await browser.waitUntil(() => browser.$('[data-testid="block-lock"]').isExisting(), { timeout: 2_000 }).catch(() => undefined);
  }
  return browser.$('[data-testid="block-lock"]');
}
