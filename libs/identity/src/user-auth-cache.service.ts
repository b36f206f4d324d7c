import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AuthenticatedUser, AuthUserLookup } from '@common-ground/shared/auth';
import { APP_CONFIG, AppConfig } from '@common-ground/shared/config';
import { ChannelSubscription, NotificationListener } from '@common-ground/shared/database';
import { ReadGenerations } from './read-generations';
import { UserService } from './user.service';

/** The channel the `users` trigger notifies (migration NotifyUserChanges): a user id, or `*` for all. */
export const USERS_CHANGED_CHANNEL = 'users_changed';
/** Each process, having dropped what a `users_changed` notification named, says so here (same payload). */
export const USERS_DROPPED_CHANNEL = 'users_dropped';
export const ALL_USERS = '*';
/** How long a change made through this process waits for the other processes to drop the user. */
export const DROP_CONFIRMATION_TIMEOUT_MS = 1_000;

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
 * - A change made through this process (`changing`) answers only once every other process's
 *   listening connection has confirmed dropping the user (or after
 *   DROP_CONFIRMATION_TIMEOUT_MS), so the next request anywhere reads the change. A change made
 *   in SQL reaches each process as fast as PostgreSQL delivers its notification.
 * - AUTH_CACHE_TTL_SECONDS bounds a change made without the trigger (triggers off).
 */
@Injectable()
export class UserAuthCache implements AuthUserLookup, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('UserAuthCache');
  private readonly cache?: LRUCache<string, AuthenticatedUser>;
  private subscription?: ChannelSubscription;
  private confirmations?: ChannelSubscription;
  private readonly generations = new ReadGenerations();
  /** Changes through this process waiting for the others' confirmations, by user id. */
  private readonly waiting = new Map<string, Set<(senderPid: number) => void>>();

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
    this.confirmations = this.listener.subscribe(USERS_DROPPED_CHANNEL, {
      notify: (payload, senderPid) => {
        for (const confirm of this.waiting.get(payload) ?? []) confirm(senderPid);
      },
      reset: () => undefined,
    });
    this.subscription = this.listener.subscribe(USERS_CHANGED_CHANNEL, {
      notify: (payload) => {
        if (payload === ALL_USERS) this.dropAll();
        else this.drop(payload);
        void this.listener.notify(USERS_DROPPED_CHANNEL, payload);
      },
      reset: () => this.dropAll(),
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    this.confirmations?.unsubscribe();
    this.subscription = this.confirmations = undefined;
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
   * Runs `write`, a change to the user that has committed when it resolves (true when it changed
   * the row, so the trigger notified it), and then answers only once the user is dropped here and
   * every other process listening on this database has confirmed dropping it (confirmations are
   * counted from before the write), or after DROP_CONFIRMATION_TIMEOUT_MS. A process that does
   * not listen at that moment serves no user from memory, so it needs no waiting for.
   */
  async changing(userId: string, write: () => Promise<boolean>): Promise<boolean> {
    if (!this.cache) return write();
    const confirmed = new Set<number>();
    let check: (() => void) | undefined;
    const confirm = (senderPid: number) => {
      confirmed.add(senderPid);
      check?.();
    };
    const waiting = this.waiting.get(userId) ?? new Set();
    this.waiting.set(userId, waiting.add(confirm));
    try {
      const changed = await write();
      this.drop(userId);
      const peers = changed ? await this.listener.peers() : null;
      if (peers?.length) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            const missing = peers.filter((pid) => !confirmed.has(pid)).length;
            this.logger.warn(`${missing} of ${peers.length} other processes did not confirm dropping a changed user within ${DROP_CONFIRMATION_TIMEOUT_MS} ms`);
            resolve();
          }, DROP_CONFIRMATION_TIMEOUT_MS);
          check = () => {
            if (!peers.every((pid) => confirmed.has(pid))) return;
            clearTimeout(timer);
            resolve();
          };
          check();
        });
      }
      return changed;
    } finally {
      waiting.delete(confirm);
      if (!waiting.size) this.waiting.delete(userId);
    }
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
