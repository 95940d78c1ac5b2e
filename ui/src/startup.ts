// Start-up timings for the first-paint benchmark: the page's stages as wall-clock instants,
// handed to the shell once the first week is on screen (it logs them only when traced).
import type { StartupMark } from "./api";

const marks: StartupMark[] = [{ stage: "navigation", epoch_ms: performance.timeOrigin }];

/** Notes that the page reached `stage` now. */
export function markStartup(stage: string): void {
  marks.push({ stage, epoch_ms: performance.timeOrigin + performance.now() });
}

/**
 * Notes the first week drawn, then the frame that shows it (the second animation frame after
 * the drawing), and sends every mark; `then` runs after that frame (work that can wait).
 */
export function firstWeekDrawn(send: (marks: StartupMark[]) => Promise<void>, then: () => void): void {
  markStartup("week drawn");
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      markStartup("painted");
      send(marks).catch(() => {});
      then();
    }),
  );
}
