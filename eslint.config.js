// ESLint for the window's TypeScript and the end-to-end tests (flat config). Formatting is
// Prettier's job (.prettierrc.json); this only catches mistakes.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["ui/dist/**", "node_modules/**", "target/**", "ui/src/bindings/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["ui/src/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      eqeqeq: ["error", "always"],
    },
  },
  {
    files: ["tests/**/*.mjs"],
    languageOptions: {
      globals: { console: "readonly", process: "readonly", document: "readonly", window: "readonly", requestAnimationFrame: "readonly", performance: "readonly", getComputedStyle: "readonly", setTimeout: "readonly", CSS: "readonly", Event: "readonly", KeyboardEvent: "readonly" },
    },
  },
);
