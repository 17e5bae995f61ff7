/**
 * Helpers shared by the replay readers: decimals → tick/lot inference, gzip text reading.
 * @module
 */

/** Tracks the largest number of decimals seen in price and quantity strings. */
export class GridGuess {
  #pd = 0;
  #qd = 0;

  /** Record a price string. */
  price(s: string): number {
    this.#pd = Math.max(this.#pd, decimals(s));
    return Number(s);
  }

  /** Record a quantity string. */
  qty(s: string): number {
    this.#qd = Math.max(this.#qd, decimals(s));
    return Number(s);
  }

  /** Tick implied by the prices (10^-decimals). */
  get tick(): number {
    return Number((10 ** -this.#pd).toFixed(this.#pd));
  }

  /** Lot implied by the quantities. */
  get lot(): number {
    return Number((10 ** -this.#qd).toFixed(this.#qd));
  }
}

function decimals(s: string): number {
  const i = s.indexOf(".");
  if (i < 0) return 0;
  let end = s.length;
  while (end > i + 1 && s[end - 1] === "0") end--;
  return end - i - 1;
}

/** The text of a file, gunzipped when it starts with the gzip magic bytes. */
export async function read_text(path: string): Promise<{ text: string; bytes: Uint8Array }> {
  const bytes = await Deno.readFile(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return { text: await new Response(stream).text(), bytes };
  }
  return { text: new TextDecoder().decode(bytes), bytes };
}
