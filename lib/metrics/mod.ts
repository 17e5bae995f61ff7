/**
 * Metrics shared by the smoke and soak commands: registry, `/metrics` server, textfile writer.
 * @module
 */
export * from "./registry.ts";
export * from "./serve.ts";
export * from "./textfile.ts";
