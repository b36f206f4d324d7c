import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/**
 * Under Fastify, routes and plugins are loaded when the instance is made ready (on `listen()`
 * otherwise): done at the end of `app.init()`, so an initialised application answers requests
 * under either adapter (the e2e specs call its server before or without listening).
 */
@Injectable()
export class HttpReady implements OnApplicationBootstrap {
  constructor(private readonly host: HttpAdapterHost) {}

  async onApplicationBootstrap(): Promise<void> {
    const adapter = this.host.httpAdapter;
    if (adapter?.getType() === 'fastify') await (adapter.getInstance() as { ready(): PromiseLike<unknown> }).ready();
  }
}
