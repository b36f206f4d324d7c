/** The request as pino-http's standard serializer gives it. */
interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  headers?: Record<string, unknown>;
  remoteAddress?: string;
}

/** Headers worth a log line; every other (tokens, cookies, referrers with query strings) is left out. */
const LOGGED_HEADERS = ['host', 'user-agent', 'content-type', 'content-length', 'accept'];

/**
 * What the request log keeps of a request: id, method, path and a few headers. Never the query
 * string (a GET request carries its variables, passwords among them, there), the body or a token.
 */
export function requestForLog(req: SerializedRequest): Record<string, unknown> {
  const headers: Record<string, unknown> = {};
  for (const name of LOGGED_HEADERS) {
    if (req.headers?.[name] !== undefined) headers[name] = req.headers[name];
  }
  return { id: req.id, method: req.method, path: req.url?.split('?')[0], headers, remoteAddress: req.remoteAddress };
}
