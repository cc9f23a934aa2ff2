/** One API request as `GET /_emulator/requests` shows it: no bodies, no secrets, no tokens. */
export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The authenticated client; for the token endpoint, the client id sent when it names a known client. */
  clientId: string | null;
  /** Null while the request is still being handled, or when its connection was dropped. */
  status: number | null;
  idempotencyKey: string | null;
  replayed: boolean;
  /** When the request arrived (UTC). */
  at: string;
}
