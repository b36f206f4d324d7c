import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AuthenticatedUser, AuthUserLookup } from '@common-ground/shared/auth';
import { APP_CONFIG, AppConfig } from '@common-ground/shared/config';
import { ChannelSubscription, NotificationListener } from '@common-ground/shared/database';
import { ReadGenerations } from './read-generations';
import { UserService } from './user.service';

/** The channel the `users` trigger notifies (migration NotifyUserChanges): a user id, or `*` for all. */
export const USERS_CHANGED_CHANNEL = 'users_changed';
export const ALL_USERS = '*';

/**
 * The auth lib's user look-up (AUTH_USER_LOOKUP), cached in this process: a bounded LRU of
 * signed-in users kept true by PostgreSQL notifications. Any change to a user row notifies its id
 * when it commits (the trigger on `users`), and every process drops that user on hearing it.
 *
 * - The cache serves only while the channel is listened to. Before the first LISTEN, while the
 *   listening connection is down and until it listens again, every look-up reads the database;
 *   the cache is emptied on losing and on regaining the connection (notifications sent in between
 *   are lost).
 * - A read-through stores its answer only if nothing dropped that user (nor everyone) while it
 *   read: an answer read before a change committed can never outlive the change's notification.
 * - Users who do not exist are not cached (a new row needs no notification).
 * - A change made through this process is dropped here before its mutation answers
 *   (`changed`), whatever the notification's delivery.
 * - AUTH_CACHE_TTL_SECONDS bounds a change made without the trigger (triggers off).
 */
@Injectable()
export class UserAuthCache implements AuthUserLookup, OnApplicationBootstrap, OnModuleDestroy {
  private readonly cache?: LRUCache<string, AuthenticatedUser>;
  private subscription?: ChannelSubscription;
  private readonly generations = new ReadGenerations();

  constructor(
    private readonly users: UserService,
    private readonly listener: NotificationListener,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const { maxEntries, ttlSeconds } = config.authCache;
    if (maxEntries > 0) this.cache = new LRUCache({ max: maxEntries, ...(ttlSeconds > 0 ? { ttl: ttlSeconds * 1000 } : {}) });
  }

  onApplicationBootstrap(): void {
    if (!this.cache) return;
    this.subscription = this.listener.subscribe(USERS_CHANGED_CHANNEL, {
      notify: (payload) => (payload === ALL_USERS ? this.dropAll() : this.drop(payload)),
      reset: () => this.dropAll(),
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    this.dropAll();
  }

  async findForAuth(userId: string): Promise<AuthenticatedUser | null> {
    const cache = this.cache;
    if (!cache || !this.subscription?.listening) return this.users.findForAuth(userId);
    const kept = cache.get(userId);
    if (kept) return kept;
    const read = this.generations.begin(userId);
    try {
      const user = await this.users.findForAuth(userId);
      if (!user || !this.generations.mayStore(read) || !this.subscription?.listening) return user;
      const frozen: AuthenticatedUser = Object.freeze({ ...user, roles: Object.freeze([...user.roles]) as AuthenticatedUser['roles'] });
      cache.set(userId, frozen);
      return frozen;
    } finally {
      this.generations.end(read);
    }
  }

  /**
   * After a change to a user committed through this process: drops the user here at once, then
   * waits (bounded) until this process's listening connection has delivered every notification
   * committed so far, the change's included, as every other process's connection is delivering
   * it at the same time.
   */
  async changed(userId: string): Promise<void> {
    if (!this.cache) return;
    this.drop(userId);
    await this.listener.sync();
  }

  private drop(userId: string): void {
    this.cache?.delete(userId);
    this.generations.drop(userId);
  }

  private dropAll(): void {
    this.cache?.clear();
    this.generations.dropAll();
  }
}
