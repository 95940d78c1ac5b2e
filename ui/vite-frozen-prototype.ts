// Tauri's `freezePrototype` freezes Object.prototype, which makes `obj.constructor = x`
// throw on plain objects (a non-writable inherited property cannot be shadowed by
// assignment). Preact 10, which FullCalendar 6 renders with, copies vnodes with such a loop,
// and a vnode carries an own `constructor: undefined`, so every re-render of the week grid
// failed. This rewrites that copy helper to define `constructor` instead of assigning it, in
// the production build and in the dev server's pre-bundled dependencies (Tauri injects the
// freeze in both). The build fails if the helper is not found, so a Preact upgrade cannot
// silently undo it.
import type { Plugin } from "vite";

const PREACT = /[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.(?:mjs|module\.js)$/;
// Minified `function assign(obj, props) { for (let i in props) obj[i] = props[i]; return obj }`
const ASSIGN = /function (\w+)\((\w+),(\w+)\)\{for\(var (\w+) in \3\)\2\[\4\]=\3\[\4\];return \2\}/;

function patch(code: string, id: string): string | null {
  if (!PREACT.test(id)) return null;
  if (!ASSIGN.test(code)) throw new Error(`preact's assign() not found in ${id}; re-check the frozen-prototype fix`);
  return code.replace(
    ASSIGN,
    (_m, fn: string, o: string, p: string, k: string) =>
      `function ${fn}(${o},${p}){for(var ${k} in ${p})${k}==="constructor"?Object.defineProperty(${o},${k},{value:${p}[${k}],writable:!0,enumerable:!0,configurable:!0}):${o}[${k}]=${p}[${k}];return ${o}}`,
  );
}

export function preactFrozenPrototype(): Plugin {
  const name = "miraage:preact-frozen-prototype";
  return {
    name,
    // The dev server serves dependencies from its own pre-bundle, built by Rolldown.
    config: () => ({
      optimizeDeps: { rolldownOptions: { plugins: [{ name, transform: (code: string, id: string) => patch(code, id) }] } },
    }),
    transform: (code, id) => patch(code, id),
  };
}
