/** A usage or configuration problem: the CLI prints `message` on one line and exits 2. */
export class ConfigError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "ConfigError";
  }
}
