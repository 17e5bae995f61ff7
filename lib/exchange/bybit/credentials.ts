/**
 * Bybit API credentials. The secret lives in a private field and only ever leaves it as an HMAC
 * key; printing, inspecting or serialising the object shows a redacted form.
 * @module
 */

const REDACTED = "Credentials(api_key=***, secret=***)";

/** An API key and secret, redacted everywhere except in signatures. */
export class Credentials {
  readonly api_key: string;
  #secret: string;
  #key: Promise<CryptoKey> | undefined;

  constructor(api_key: string, secret: string) {
    this.api_key = api_key;
    this.#secret = secret;
  }

  /** `BYBIT_API_KEY` / `BYBIT_API_SECRET` from the environment, or undefined when either is unset. */
  static from_env(env: { get(name: string): string | undefined } = Deno.env):
    | Credentials
    | undefined {
    const key = env.get("BYBIT_API_KEY");
    const secret = env.get("BYBIT_API_SECRET");
    return key && secret ? new Credentials(key, secret) : undefined;
  }

  /** HMAC-SHA256 of `message` with the secret, lowercase hex. */
  async hmac_hex(message: string): Promise<string> {
    this.#key ??= crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(this.#secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const sig = await crypto.subtle.sign(
      "HMAC",
      await this.#key,
      new TextEncoder().encode(message),
    );
    return Array.from(new Uint8Array(sig), (b) => b.toString(16).padStart(2, "0")).join("");
  }

  /** True when `text` contains the secret (used to scrub exchange error messages). */
  leaks_into(text: string): boolean {
    return this.#secret.length > 0 && text.includes(this.#secret);
  }

  toString(): string {
    return REDACTED;
  }
  toJSON(): string {
    return REDACTED;
  }
  [Symbol.for("Deno.customInspect")](): string {
    return REDACTED;
  }
}
