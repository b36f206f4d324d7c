import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from './errors';

/**
 * A response with a SERVICE_UNAVAILABLE error is HTTP 503 with `Retry-After` (the longest
 * `retryAfterSeconds` among its errors), so clients, proxies and load balancers back off.
 */
export function serviceUnavailablePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const waits = (response.body.singleResult.errors ?? [])
            .filter((error) => error.extensions?.['code'] === ErrorCode.SERVICE_UNAVAILABLE)
            .map((error) => Number(error.extensions?.['retryAfterSeconds']) || 1);
          if (waits.length === 0) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(Math.max(...waits)));
        },
      };
    },
  };
}
