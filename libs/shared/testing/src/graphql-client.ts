import type { App } from 'supertest/types';

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: GraphQLErrorShape[];
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
}

/**
 * Sends GraphQL documents to the API over HTTP, as a client would: through the auth guard,
 * validation, limits and the error formatter. `request` is the transport; `ok` and `error` the
 * two expectations the factories and specs use.
 */
export abstract class GraphQLExecutor {
  abstract request<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<GraphQLResponse<T>>;

  /** Expects success and returns `data`. */
  async ok<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T> {
    const response = await this.request<T>(query, variables, { token });
    if (response.errors?.length || !response.data) {
      throw new Error(`GraphQL request failed: ${JSON.stringify(response.errors ?? response)}`);
    }
    return response.data;
  }

  /** Expects an error and returns the first one (message, extensions). */
  async error(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLErrorShape> {
    const response = await this.request(query, variables, { token });
    const error = response.errors?.[0];
    if (!error) throw new Error(`Expected an error, got ${JSON.stringify(response.data)}`);
    return error;
  }
}

/** Over an in-process HTTP server (supertest: it listens on a free port for each request). */
export class GraphQLClient extends GraphQLExecutor {
  constructor(private readonly server: App) {
    super();
  }

  async request<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    options: RequestOptions = {},
  ): Promise<GraphQLResponse<T>> {
    // Loaded when used: the demo loader shares this module and runs where dev packages may be absent.
    const { default: request } = await import('supertest');
    let call = request(this.server).post('/graphql').set('content-type', 'application/json');
    if (options.token) call = call.set('authorization', `Bearer ${options.token}`);
    for (const [name, value] of Object.entries(options.headers ?? {})) call = call.set(name, value);
    const response = await call.send({ query, variables });
    return { status: response.status, data: response.body?.data, errors: response.body?.errors };
  }
}

/** Over HTTP to a listening server's GraphQL endpoint (`http://127.0.0.1:3000/graphql`). */
export class FetchGraphQLClient extends GraphQLExecutor {
  constructor(private readonly url: string) {
    super();
  }

  async request<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    options: RequestOptions = {},
  ): Promise<GraphQLResponse<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(options.headers ?? {}) };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    const response = await fetch(this.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await response.json().catch(() => null)) as { data?: T | null; errors?: GraphQLErrorShape[] } | null;
    return { status: response.status, data: body?.data, errors: body?.errors };
  }
}
