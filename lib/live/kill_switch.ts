/**
 * Kill switch (SPEC §5.7): orders on mainnet need `MM_LIVE_ENABLE=1`.
 * @module
 */

/** Raised when mainnet trading is asked for without the kill switch released. */
export class LiveModeNotEnabledError extends Error {
  constructor() {
    super("Mainnet trading needs MM_LIVE_ENABLE=1 (or use --testnet / --shadow)");
    this.name = "LiveModeNotEnabledError";
  }
}

/** Throws unless trading is off-network, on testnet, or explicitly enabled. */
export function confirm_live_enable(
  network_enabled: boolean,
  testnet: boolean,
  env_live_enable: string | undefined,
): void {
  if (!network_enabled || testnet) return;
  if (env_live_enable !== "1") throw new LiveModeNotEnabledError();
}
