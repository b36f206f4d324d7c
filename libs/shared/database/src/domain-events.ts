import { Global, Injectable, Module, OnModuleInit, SetMetadata } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner } from '@nestjs/core';
import { EntityManager } from 'typeorm';

/**
 * Something that happened in a lib, told to whoever listens, inside the transaction that made
 * it happen. `type` is the event's stable name (what a persistent outbox stores and another
 * process reads), `payload` its plain, serialisable facts.
 */
export abstract class DomainEvent<P extends object = object> {
  abstract readonly type: string;

  constructor(readonly payload: Readonly<P>) {}
}

/** A handler: runs inside the publisher's transaction, on the publisher's manager. */
export type DomainEventHandler<E extends DomainEvent = DomainEvent> = (event: E, manager: EntityManager) => unknown;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type EventClass<E extends DomainEvent = DomainEvent> = abstract new (...args: any[]) => E;

const ON_DOMAIN_EVENT = Symbol('ON_DOMAIN_EVENT');

/**
 * Marks a provider method as a handler of an event class (and of its subclasses: a handler
 * of `SolutionStatusChanged` also hears `SolutionRejected`). The provider must be listed in
 * its lib's module; `DomainEvents` finds it there at start. The method takes
 * `(event, manager)`; whatever it writes goes through `manager`.
 */
export function OnDomainEvent<E extends DomainEvent>(eventClass: EventClass<E>): MethodDecorator {
  return (target, key, descriptor) => {
    const method = descriptor.value as unknown as object;
    const classes: EventClass[] = Reflect.getMetadata(ON_DOMAIN_EVENT, method) ?? [];
    SetMetadata(ON_DOMAIN_EVENT, [...classes, eventClass])(target, key, descriptor);
  };
}

/** Thrown for a publish outside a transaction or a handler that cannot be wired: a programming error. */
export class DomainEventsMisuse extends Error {
  override readonly name = 'DomainEventsMisuse';
}

interface Registration {
  eventClass: EventClass;
  handler: DomainEventHandler;
  /** `Provider.method`, for errors. */
  name: string;
}

/**
 * The one bus for domain events. `publish` runs every handler registered for the event's class
 * (or a class it extends) one after the other, in registration order, awaiting each, with the
 * publisher's manager: the handlers' writes commit or roll back with the change, and a handler
 * that throws makes `publish` throw, so the publisher's transaction rolls back.
 *
 * Registration order: a module's handlers come before those of every module importing it (so a
 * lower lib's before a higher lib's: the timeline before pledges), then the order in which
 * Nest met the modules, the order a module lists its providers, the order a class declares its
 * methods.
 */
@Injectable()
export class DomainEvents implements OnModuleInit {
  private registrations?: Registration[];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onModuleInit(): void {
    this.wired();
  }

  async publish(manager: EntityManager, event: DomainEvent): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new DomainEventsMisuse(`${event.type} was published outside a transaction: publish with the manager of the transaction that made the change`);
    }
    for (const registration of this.wired()) {
      if (event instanceof registration.eventClass) await registration.handler(event, manager);
    }
  }

  private wired(): Registration[] {
    this.registrations ??= this.discover();
    return this.registrations;
  }

  private discover(): Registration[] {
    const found: Registration[] = [];
    // A module's handlers before those of the modules that import it (Nest's `distance`: the
    // longest import path from the root), so a lower lib's handlers run before a higher lib's.
    // Sorting is stable: providers keep their module's order.
    const providers = this.discovery.getProviders().sort((a, b) => (b.host?.distance ?? 0) - (a.host?.distance ?? 0));
    for (const wrapper of providers) {
      const { instance } = wrapper;
      if (!instance || typeof instance !== 'object' || wrapper.isAlias) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const key of this.scanner.getAllMethodNames(prototype)) {
        const method = (instance as Record<string, unknown>)[key];
        if (typeof method !== 'function') continue;
        const classes: EventClass[] | undefined = Reflect.getMetadata(ON_DOMAIN_EVENT, method);
        if (!classes?.length) continue;
        const name = `${(instance as object).constructor.name}.${key}`;
        if (!wrapper.isDependencyTreeStatic()) {
          throw new DomainEventsMisuse(`${name} handles domain events but is request-scoped: handlers run inside a transaction, outside any request`);
        }
        for (const eventClass of classes) {
          found.push({ eventClass, name, handler: (event, manager) => method.call(instance, event, manager) });
        }
      }
    }
    return found;
  }
}

/** Provides `DomainEvents` everywhere; imported once, by `DatabaseModule.forRoot`. */
@Global()
@Module({ imports: [DiscoveryModule], providers: [DomainEvents], exports: [DomainEvents] })
export class DomainEventsModule {}
