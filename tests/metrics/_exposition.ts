/** Parse `<name>_bucket{le="x"} n` lines of a text exposition into cumulative buckets. */
export function parse_buckets(text: string, name: string): { le: number; count: number }[] {
  const out: { le: number; count: number }[] = [];
  const re = new RegExp(`^${name}_bucket\\{le="([^"]+)"\\} (\\S+)$`, "gm");
  for (const m of text.matchAll(re)) {
    out.push({ le: m[1] === "+Inf" ? Infinity : Number(m[1]), count: Number(m[2]) });
  }
  return out;
}

/** The value of an unlabelled sample line `<metric> v`, or undefined. */
export function sample_value(text: string, metric: string): number | undefined {
  const m = text.match(new RegExp(`^${metric} (\\S+)$`, "m"));
  return m ? Number(m[1]) : undefined;
}
