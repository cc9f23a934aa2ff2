import type { LogLevel } from "./config.js";

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warning: 2, error: 3 };

const MIN_SECRET_LENGTH = 8;

export type LogSink = (level: LogLevel, message: string) => void;

/**
 * The process's one logger: writes to stderr (stdout belongs to the protocol in stdio mode),
 * fans out to connected MCP clients, and masks every registered secret wherever it appears.
 */
export class Logger {
  private readonly secrets = new Set<string>();
  private readonly sinks = new Set<LogSink>();

  constructor(
    private readonly threshold: LogLevel,
    private readonly write: (line: string) => void = (line) => process.stderr.write(line),
  ) {}

  /**
   * Values that must never be printed: client secret, access tokens. This is a safety net (nothing
   * logs them on purpose); values under 8 characters would mask ordinary words and ids instead.
   */
  addSecret(value: string): void {
    if (value.length >= MIN_SECRET_LENGTH) this.secrets.add(value);
  }

  /** Masks every registered secret in `text`. */
  redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) result = result.replaceAll(secret, "[redacted]");
    return result;
  }

  addSink(sink: LogSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  debug(message: string): void {
    this.log("debug", message);
  }
  info(message: string): void {
    this.log("info", message);
  }
  warning(message: string): void {
    this.log("warning", message);
  }
  error(message: string): void {
    this.log("error", message);
  }

  /**
   * A line for this process's own log only, never fanned out to connected clients: details of one
   * caller's call, which other callers of a shared server must not see.
   */
  local(level: LogLevel, message: string): void {
    this.toStderr(level, this.redact(message));
  }

  private log(level: LogLevel, message: string): void {
    const safe = this.redact(message);
    this.toStderr(level, safe);
    for (const sink of this.sinks) sink(level, safe);
  }

  private toStderr(level: LogLevel, safe: string): void {
    if (RANK[level] >= RANK[this.threshold]) this.write(`ssn-mcp ${level}: ${safe}\n`);
  }
}
