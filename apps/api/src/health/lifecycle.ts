import { Injectable } from '@nestjs/common';

/**
 * Whether the process is shutting down. While draining, readiness answers 503 (so load balancers
 * send new work elsewhere) and every response asks its client to close the connection.
 */
@Injectable()
export class Lifecycle {
  draining = false;
  /** The listener has closed: only in-flight requests remain. */
  listenerClosed = false;
}
