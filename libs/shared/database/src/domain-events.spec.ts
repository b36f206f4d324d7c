import 'reflect-metadata';
import { Injectable, Module, Scope } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { EntityManager } from 'typeorm';
import { DomainEvent, DomainEvents, DomainEventsMisuse, DomainEventsModule, OnDomainEvent } from './domain-events';

class ThingMade extends DomainEvent<{ thingId: string }> {
  readonly type: string = 'test.thing-made';
}
class ThingMadeBig extends ThingMade {
  override readonly type = 'test.thing-made-big';
}
class ThingGone extends DomainEvent<{ thingId: string }> {
  readonly type = 'test.thing-gone';
}

/** What the handlers saw, in the order they ran. */
const seen: { handler: string; type: string; thingId: string; manager: EntityManager }[] = [];
/** Handlers that started and have not yet finished. */
let running = 0;

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

@Injectable()
class FirstListener {
  @OnDomainEvent(ThingMade)
  async made(event: ThingMade, manager: EntityManager): Promise<void> {
    running++;
    expect(running).toBe(1);
    await settle();
    seen.push({ handler: 'first.made', type: event.type, thingId: event.payload.thingId, manager });
    running--;
  }

  @OnDomainEvent(ThingGone)
  gone(event: ThingGone, manager: EntityManager): void {
    seen.push({ handler: 'first.gone', type: event.type, thingId: event.payload.thingId, manager });
  }
}

@Injectable()
class SecondListener {
  @OnDomainEvent(ThingMadeBig)
  @OnDomainEvent(ThingGone)
  async bigOrGone(event: ThingMadeBig | ThingGone, manager: EntityManager): Promise<void> {
    running++;
    expect(running).toBe(1);
    await settle();
    seen.push({ handler: 'second.bigOrGone', type: event.type, thingId: event.payload.thingId, manager });
    running--;
  }
}

@Injectable()
class ThrowingListener {
  @OnDomainEvent(ThingGone)
  refuse(event: ThingGone): void {
    if (event.payload.thingId === 'kept') throw new Error('this thing may not go');
  }
}

@Injectable()
class LastListener {
  @OnDomainEvent(ThingGone)
  gone(event: ThingGone, manager: EntityManager): void {
    seen.push({ handler: 'last.gone', type: event.type, thingId: event.payload.thingId, manager });
  }
}

@Module({ providers: [FirstListener, SecondListener] })
class LowerModule {}

@Module({ imports: [LowerModule], providers: [ThrowingListener, LastListener] })
class HigherModule {}

/** A manager inside (or outside) a transaction: the bus only reads the flag and passes the manager on. */
const managerIn = (isTransactionActive: boolean) => ({ queryRunner: { isTransactionActive } }) as unknown as EntityManager;

async function bus(...imports: (typeof LowerModule)[]): Promise<DomainEvents> {
  const module = await Test.createTestingModule({ imports: [DomainEventsModule, ...imports] }).compile();
  await module.init();
  return module.get(DomainEvents);
}

describe('DomainEvents', () => {
  beforeEach(() => {
    seen.length = 0;
    running = 0;
  });

  it('runs the handlers of the event class and of the classes it extends, one at a time, in registration order, with the same manager', async () => {
    const events = await bus(HigherModule);
    const manager = managerIn(true);
    await events.publish(manager, new ThingMadeBig({ thingId: 't1' }));
    expect(seen.map(({ handler, type, thingId }) => ({ handler, type, thingId }))).toEqual([
      { handler: 'first.made', type: 'test.thing-made-big', thingId: 't1' },
      { handler: 'second.bigOrGone', type: 'test.thing-made-big', thingId: 't1' },
    ]);
    expect(seen.every((s) => s.manager === manager)).toBe(true);
  });

  it('runs no handler of a subclass for its base class', async () => {
    const events = await bus(HigherModule);
    await events.publish(managerIn(true), new ThingMade({ thingId: 't2' }));
    expect(seen.map((s) => s.handler)).toEqual(['first.made']);
  });

  it('follows the order of modules and of providers in a module', async () => {
    const events = await bus(HigherModule);
    await events.publish(managerIn(true), new ThingGone({ thingId: 't3' }));
    expect(seen.map((s) => s.handler)).toEqual(['first.gone', 'second.bigOrGone', 'last.gone']);
  });

  it('rejects when a handler throws, and runs no handler after it', async () => {
    const events = await bus(HigherModule);
    await expect(events.publish(managerIn(true), new ThingGone({ thingId: 'kept' }))).rejects.toThrow('this thing may not go');
    expect(seen.map((s) => s.handler)).toEqual(['first.gone', 'second.bigOrGone']);
  });

  it('refuses a publish outside a transaction, before any handler runs', async () => {
    const events = await bus(HigherModule);
    await expect(events.publish(managerIn(false), new ThingGone({ thingId: 't4' }))).rejects.toThrow(DomainEventsMisuse);
    await expect(events.publish({} as EntityManager, new ThingGone({ thingId: 't4' }))).rejects.toThrow(/test\.thing-gone was published outside a transaction/);
    expect(seen).toEqual([]);
  });

  it('publishes to nobody when nothing listens', async () => {
    const events = await bus();
    await events.publish(managerIn(true), new ThingGone({ thingId: 't5' }));
    expect(seen).toEqual([]);
  });

  it('refuses a handler on a request-scoped provider at start', async () => {
    @Injectable({ scope: Scope.REQUEST })
    class PerRequestListener {
      @OnDomainEvent(ThingGone)
      gone(): void {
        throw new Error('never published to');
      }
    }
    @Module({ providers: [PerRequestListener] })
    class PerRequestModule {}
    await expect(bus(PerRequestModule)).rejects.toThrow(/PerRequestListener\.gone handles domain events but is request-scoped/);
  });
});
