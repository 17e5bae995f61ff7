/**
 * Inline SVG charts for the HTML report: KPI lines per iteration with threshold lines, and a
 * tuning-event strip, all on one shared iteration axis. No script, no external resource.
 * Long runs are reduced to a min/max pair per pixel column so the file stays small.
 * @module
 */

/** Escape text for HTML/SVG content and attributes. */
export function esc(s: string): string {
  return s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll(
    '"',
    "&quot;",
  );
}

/** The shared horizontal axis. */
export interface Axis {
  x0: number;
  x1: number;
  width: number;
  left: number;
  right: number;
}

/** A horizontal threshold line. */
export interface ThresholdLine {
  value: number;
  label: string;
  kind: "fail" | "warn" | "goal";
}

const COLORS = { fail: "#c0392b", warn: "#d68910", goal: "#1e8449", line: "#1f4e79" };

function px(a: Axis, x: number): number {
  const span = a.x1 - a.x0 || 1;
  return a.left + ((x - a.x0) / span) * (a.width - a.left - a.right);
}

function f(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}

/** Points of a series, reduced to min and max per pixel column when longer than the plot width. */
export function reduce_series(
  xs: readonly number[],
  ys: readonly (number | null)[],
  columns: number,
): [number, number][] {
  const pts: [number, number][] = [];
  for (let i = 0; i < xs.length; i++) if (ys[i] !== null) pts.push([xs[i]!, ys[i]!]);
  if (pts.length <= columns * 2) return pts;
  const out: [number, number][] = [];
  const x0 = pts[0]![0];
  const span = pts[pts.length - 1]![0] - x0 || 1;
  let col = -1;
  let lo: [number, number] | null = null;
  let hi: [number, number] | null = null;
  const flush = () => {
    if (lo && hi) out.push(...(lo[0] <= hi[0] ? [lo, hi] : [hi, lo]));
  };
  for (const p of pts) {
    const c = Math.floor(((p[0] - x0) / span) * (columns - 1));
    if (c !== col) {
      flush();
      col = c;
      lo = hi = p;
    } else {
      if (p[1] < lo![1]) lo = p;
      if (p[1] > hi![1]) hi = p;
    }
  }
  flush();
  return out;
}

/** One KPI chart. */
export function line_chart(
  axis: Axis,
  title: string,
  xs: readonly number[],
  ys: readonly (number | null)[],
  thresholds: readonly ThresholdLine[],
  height = 170,
): string {
  const top = 24;
  const bottom = 22;
  const vals = [...ys.filter((y): y is number => y !== null), ...thresholds.map((t) => t.value)];
  let lo = vals.length ? Math.min(...vals) : 0;
  let hi = vals.length ? Math.max(...vals) : 1;
  if (hi - lo < 1e-9) [lo, hi] = [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.08;
  lo -= pad;
  hi += pad;
  const py = (v: number) => top + (1 - (v - lo) / (hi - lo)) * (height - top - bottom);
  const pts = reduce_series(xs, ys, Math.floor(axis.width - axis.left - axis.right));
  const path = pts.map(([x, y], i) => `${i ? "L" : "M"}${f(px(axis, x))},${f(py(y))}`).join("");
  const parts = [
    `<svg class="chart" role="img" aria-label="${
      esc(title)
    }" width="${axis.width}" height="${height}" viewBox="0 0 ${axis.width} ${height}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${esc(title)}</title>`,
    `<text x="${axis.left}" y="15" class="t">${esc(title)}</text>`,
    `<line x1="${axis.left}" y1="${height - bottom}" x2="${axis.width - axis.right}" y2="${
      height - bottom
    }" class="ax"/>`,
    `<text x="${axis.left - 6}" y="${f(py(hi - pad) + 4)}" class="l" text-anchor="end">${
      esc(f3(hi - pad))
    }</text>`,
    `<text x="${axis.left - 6}" y="${f(py(lo + pad) + 4)}" class="l" text-anchor="end">${
      esc(f3(lo + pad))
    }</text>`,
  ];
  for (const t of thresholds) {
    const y = f(py(t.value));
    parts.push(
      `<line x1="${axis.left}" y1="${y}" x2="${axis.width - axis.right}" y2="${y}" stroke="${
        COLORS[t.kind]
      }" stroke-dasharray="5,4"><title>${esc(t.label)}</title></line>`,
      `<text x="${axis.width - axis.right + 4}" y="${Number(y) + 4}" class="l" fill="${
        COLORS[t.kind]
      }">${esc(t.label)}</text>`,
    );
  }
  if (path) {
    parts.push(`<path d="${path}" fill="none" stroke="${COLORS.line}" stroke-width="1.6"/>`);
  }
  if (pts.length <= 120) {
    for (const [x, y] of pts) {
      parts.push(
        `<circle cx="${f(px(axis, x))}" cy="${
          f(py(y))
        }" r="2.4" fill="${COLORS.line}"><title>iteration ${x}: ${esc(String(y))}</title></circle>`,
      );
    }
  }
  parts.push(axis_labels(axis, height - 6), "</svg>");
  return parts.join("\n");
}

function f3(v: number): string {
  return String(Math.round(v * 1000) / 1000);
}

function axis_labels(axis: Axis, y: number): string {
  const ticks = 6;
  const out: string[] = [];
  for (let i = 0; i <= ticks; i++) {
    const x = Math.round(axis.x0 + ((axis.x1 - axis.x0) * i) / ticks);
    out.push(`<text x="${f(px(axis, x))}" y="${y}" class="l" text-anchor="middle">${x}</text>`);
  }
  return out.join("");
}

/** One tuning event on the strip. */
export interface TuningEvent {
  x: number;
  kind: "applied" | "skipped" | "freeze";
  label: string;
  /** Guard name of a skip; skips are coloured by reason, with a legend. */
  reason?: string;
}

/** Colours of skip reasons, in order of first appearance. */
const SKIP_PALETTE = [
  "#d68910",
  "#8e44ad",
  "#c0392b",
  "#16a085",
  "#7f8c8d",
  "#d35400",
  "#2c3e50",
  "#b7950b",
];

const EVENT_ROWS = { applied: 0, skipped: 1, freeze: 2 } as const;
const EVENT_COLORS = { applied: "#1e8449", skipped: "#d68910", freeze: "#2e86c1" } as const;

/** The tuning-event strip: applied, skipped (by reason) and freeze rows on the shared axis. */
export function event_strip(axis: Axis, events: readonly TuningEvent[]): string {
  const row_h = 20;
  const top = 10;
  const reasons = [
    ...new Set(events.filter((e) => e.kind === "skipped").map((e) => e.reason ?? "skipped")),
  ];
  const color = (e: TuningEvent) =>
    e.kind === "skipped"
      ? SKIP_PALETTE[reasons.indexOf(e.reason ?? "skipped") % SKIP_PALETTE.length]!
      : EVENT_COLORS[e.kind];
  const height = top + row_h * 3 + 24 + (reasons.length ? 20 : 0);
  const parts = [
    `<svg class="chart" role="img" aria-label="tuning events" width="${axis.width}" height="${height}" viewBox="0 0 ${axis.width} ${height}" xmlns="http://www.w3.org/2000/svg">`,
    "<title>Tuning events</title>",
  ];
  const w = Math.max(
    2,
    (axis.width - axis.left - axis.right) / Math.max(1, axis.x1 - axis.x0 + 1) - 1,
  );
  // The first mark is centred on the axis start, so it reaches w/2 left of it: labels go beyond.
  for (const [kind, row] of Object.entries(EVENT_ROWS)) {
    parts.push(
      `<text x="${f(axis.left - w / 2 - 4)}" y="${
        top + row * row_h + 14
      }" class="l" text-anchor="end">${kind}</text>`,
    );
  }
  const seen = new Set<string>();
  for (const e of events) {
    const x = px(axis, e.x) - w / 2;
    const key = `${e.kind}:${e.reason ?? ""}:${Math.round(x)}`;
    if (seen.has(key)) continue; // one mark per pixel column and row keeps 10,000 iterations small
    seen.add(key);
    const y = top + EVENT_ROWS[e.kind] * row_h + 3;
    parts.push(
      `<rect x="${f(x)}" y="${y}" width="${f(w)}" height="${row_h - 6}" fill="${color(e)}"><title>${
        esc(e.label)
      }</title></rect>`,
    );
  }
  const axis_y = top + row_h * 3 + 18;
  parts.push(axis_labels(axis, axis_y));
  let lx = axis.left;
  for (const r of reasons) {
    const c = SKIP_PALETTE[reasons.indexOf(r) % SKIP_PALETTE.length]!;
    parts.push(
      `<rect x="${lx}" y="${axis_y + 8}" width="10" height="10" fill="${c}"/>`,
      `<text x="${lx + 14}" y="${axis_y + 17}" class="l">skipped: ${esc(r)}</text>`,
    );
    lx += 24 + 7 * (9 + r.length);
  }
  parts.push("</svg>");
  return parts.join("\n");
}
