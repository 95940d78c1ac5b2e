// Colour helpers for calendar chips and event blocks.

/** Parses "#rgb", "#rrggbb" or "#rrggbbaa" (alpha ignored); null for anything else. */
export function parseHex(color: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(color.trim());
  const hex = m?.[1];
  if (!hex) return null;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex.slice(0, 6);
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG relative luminance of an sRGB colour, 0 (black) to 1 (white). */
export function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/**
 * White unless it would fall below 3:1 against `background` (the WCAG level for bold text,
 * which event titles are); then near-black. Calendar apps favour white on mid-tone chips,
 * which a plain "higher contrast wins" rule would give dark text. Unknown syntaxes get white.
 */
export function readableTextColor(background: string): string {
  const rgb = parseHex(background);
  if (!rgb) return "#ffffff";
  return contrastRatio(luminance(rgb), 1) >= 3 ? "#ffffff" : "#1a1a1a";
}

/** WCAG contrast ratio between two relative luminances. */
export function contrastRatio(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** Colours of plan blocks by project: mid-tones that take white text. */
const PROJECT_PALETTE = ["#7c5cff", "#0f8a6a", "#c2410c", "#2563eb", "#b4236c", "#6d6a00", "#0e7490", "#9333ea"];

/**
 * The colour of a project's plan blocks: the same project always gets the same colour (a
 * hash of its name into a palette); blocks without a project get the plan's violet.
 */
export function projectColor(project: string | null): string {
  if (!project) return PROJECT_PALETTE[0]!;
  let h = 0;
  for (const ch of project.toLowerCase()) h = (Math.imul(h, 31) + ch.codePointAt(0)!) >>> 0;
  return PROJECT_PALETTE[1 + (h % (PROJECT_PALETTE.length - 1))]!;
}
