import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The config lives in ui/ but is run from the repository root (npm scripts), so every path
// is anchored to this file rather than to the working directory.
const uiRoot = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: uiRoot,
  base: "./",
  clearScreen: false,
  cacheDir: "../node_modules/.vite",
  plugins: [],
  // Host stays Vite's default, "localhost", the name devUrl in tauri.conf.json uses.
  server: { port: 1420, strictPort: true },
  preview: { port: 1420, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // The Tauri window is WebKitGTK (2.50 on Debian 12), a Safari-class engine.
    target: "safari16",
    sourcemap: false,
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
    // A zone with DST, so local-calendar arithmetic is tested across a clock change.
    env: { TZ: "Europe/Paris" },
  },
});
