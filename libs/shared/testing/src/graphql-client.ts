import type { App } from 'supertest/types';
import request from 'supertest';

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

/** Sends GraphQL documents over HTTP, as a client would. */
export class GraphQLClient {
  constructor(private readonly server: App) {}

  async request<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    options: { token?: string; headers?: Record<string, string> } = {},
  ): Promise<GraphQLResponse<T>> {
    let call = request(this.server).post('/graphql').set('content-type', 'application/json');
    if (options.token) call = call.set('authorization', `Bearer ${options.token}`);
    for (const [name, value] of Object.entries(options.headers ?? {})) call = call.set(name, value);
    const response = await call.send({ query, variables });
    return { status: response.status, data: response.body?.data, errors: response.body?.errors };
  }

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
