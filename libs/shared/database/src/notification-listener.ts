import { Logger } from '@nestjs/common';
import { Client, QueryResult } from 'pg';

/** What a subscriber of a channel is told. */
export interface ChannelSubscriber {
  /**
   * A notification on the channel, delivered in commit order: its payload and the process id of
   * the PostgreSQL backend that sent it.
   */
  notify(payload: string, senderPid: number): void;
  /**
   * The channel stopped or started being listened to on a (new) connection: notifications sent
   * in between are lost, so whatever was kept on their strength must be dropped.
   */
  reset(): void;
}

/** One subscriber's view of its channel. */
export interface ChannelSubscription {
  /**
   * True while the channel is listened to on a live connection: every notification committed
   * from then on reaches `notify`. False before the first LISTEN, while the connection is down
   * and until the LISTEN on the next one has succeeded.
   */
  readonly listening: boolean;
  unsubscribe(): void;
}

export interface NotificationListenerOptions {
  url: string;
  applicationName?: string;
  /** The longest a new connection may take to open. */
  connectTimeoutMs?: number;
  /** How often the connection is probed (a statement with an answer awaited); 0: never. */
  heartbeatMs?: number;
  /** The longest a probe or LISTEN may go unanswered before the connection counts as lost. */
  answerTimeoutMs?: number;
  /** Pauses between attempts to connect again: full jitter, doubling from the first to the cap. */
  retryBaseMs?: number;
  retryMaxMs?: number;
}

/** PostgreSQL's identifier rules for the channels we use: nothing to quote. */
const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * PostgreSQL LISTEN/NOTIFY for one process: one dedicated connection (not from the pool, which
 * hands connections to whoever asks and would drop the LISTEN with them) listening on every
 * channel something subscribed to. When the connection is lost (terminated, the server restarted,
 * a probe unanswered) every subscriber is reset and is not `listening` until the LISTEN on a new
 * connection has succeeded, when it is reset again; connecting again runs in the background with
 * growing pauses until it works or the listener is closed. Opens its connection only when the
 * first channel is subscribed.
 */
export class NotificationListener {
  private readonly logger = new Logger('Notifications');
  private readonly subscribers = new Map<string, Set<ChannelSubscriber>>();
  /** Channels with a LISTEN that succeeded on the current connection. */
  private readonly listened = new Set<string>();
  private client?: Client;
  /** Connections given up on (lost, or closed): their late events change nothing. */
  private readonly abandoned = new WeakSet<Client>();
  private connecting?: Promise<void>;
  private retryTimer?: NodeJS.Timeout;
  private heartbeatTimer?: NodeJS.Timeout;
  private failures = 0;
  private closed = false;
  /** Statements on the listening connection go one after another (pg deprecates overlapping ones). */
  private lastStatement: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: NotificationListenerOptions) {}

  subscribe(channel: string, subscriber: ChannelSubscriber): ChannelSubscription {
    if (!CHANNEL_NAME.test(channel)) throw new Error(`Not a channel name: ${channel}`);
    if (this.closed) throw new Error('The notification listener is closed');
    let set = this.subscribers.get(channel);
    if (!set) {
      set = new Set();
      this.subscribers.set(channel, set);
      if (this.client && !this.connecting) void this.listen(this.client, channel);
    }
    set.add(subscriber);
    this.start();
    const listened = this.listened;
    return {
      get listening() {
        return listened.has(channel);
      },
      unsubscribe: () => {
        set.delete(subscriber);
      },
    };
  }

  /**
   * Sends a notification from the listening connection (so that its receivers see this process's
   * listening backend as the sender). False when not connected or not answered.
   */
  async notify(channel: string, payload: string): Promise<boolean> {
    const client = this.client;
    if (!client || this.connecting) return false;
    return this.statement(client, 'SELECT pg_notify($1, $2)', [channel, payload]).then(
      () => true,
      () => false,
    );
  }

  /**
   * The backend process ids of the other processes' listening connections on this database (by
   * the application name they share), or null when not connected.
   */
  async peers(): Promise<number[] | null> {
    const client = this.client;
    if (!client || this.connecting) return null;
    try {
      const { rows } = await this.statement(
        client,
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = current_setting('application_name') AND pid <> pg_backend_pid()`,
      );
      return rows.map((row) => Number(row.pid));
    } catch {
      return null;
    }
  }

  /** When the application closes. */
  onModuleDestroy(): Promise<void> {
    return this.close();
  }

  /** Ends the connection and stops connecting again. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    await this.connecting?.catch(() => undefined);
    clearInterval(this.heartbeatTimer);
    const client = this.client;
    this.client = undefined;
    this.lose();
    if (!client) return;
    this.abandoned.add(client);
    client.removeAllListeners();
    client.on('error', () => undefined);
    await client.end().catch(() => undefined);
  }

  private start(): void {
    if (this.closed || this.client || this.connecting || this.retryTimer) return;
    this.connecting = this.connect().finally(() => {
      this.connecting = undefined;
    });
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.options.url,
      application_name: this.options.applicationName ?? 'common-ground-listener',
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      connectionTimeoutMillis: this.options.connectTimeoutMs ?? 5_000,
      query_timeout: this.options.answerTimeoutMs ?? 5_000,
    });
    client.on('notification', (message) => {
      if (this.client !== client || !this.listened.has(message.channel)) return;
      for (const subscriber of this.subscribers.get(message.channel) ?? []) subscriber.notify(message.payload ?? '', message.processId);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the connection ended')));
    try {
      await client.connect();
      if (this.closed) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      // Nothing queued for a connection given up on holds up this one's statements.
      this.lastStatement = Promise.resolve();
      // Until every channel is listened to (one may be subscribed meanwhile), or the connection is lost.
      for (;;) {
        const missing = [...this.subscribers.keys()].filter((channel) => !this.listened.has(channel));
        if (!missing.length || this.client !== client) break;
        for (const channel of missing) await this.listen(client, channel);
      }
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.client !== client || this.closed) return;
    if (this.failures > 0) this.logger.log(`Listening again on ${[...this.listened].join(', ')}`);
    this.failures = 0;
    const every = this.options.heartbeatMs ?? 10_000;
    if (every > 0) {
      this.heartbeatTimer = setInterval(() => {
        this.statement(client, 'SELECT 1').catch((error: unknown) => this.lost(client, error));
      }, every);
      this.heartbeatTimer.unref();
    }
  }

  private statement(client: Client, sql: string, parameters?: unknown[]): Promise<QueryResult> {
    const run = this.lastStatement.catch(() => undefined).then(() => client.query(sql, parameters));
    this.lastStatement = run;
    return run;
  }

  private async listen(client: Client, channel: string): Promise<void> {
    try {
      await this.statement(client, `LISTEN ${channel}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.client !== client || this.listened.has(channel)) return;
    this.listened.add(channel);
    for (const subscriber of this.subscribers.get(channel) ?? []) subscriber.reset();
  }

  /** The connection is gone or unusable: subscribers are reset, and a new one is tried after a pause. */
  private lost(client: Client, error: unknown): void {
    if (this.abandoned.has(client)) return;
    this.abandoned.add(client);
    client.removeAllListeners('notification');
    // A late error from a connection given up on must not go unhandled.
    client.removeAllListeners('error');
    client.on('error', () => undefined);
    (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    if (this.client && this.client !== client) return;
    const wasListening = this.listened.size > 0;
    this.client = undefined;
    clearInterval(this.heartbeatTimer);
    this.lose();
    if (this.closed) return;
    this.failures++;
    if (wasListening || this.failures === 1) {
      this.logger.warn(`Stopped listening for notifications (${(error as Error)?.message ?? String(error)}); connecting again`);
    }
    const base = this.options.retryBaseMs ?? 100;
    const ceiling = Math.min(this.options.retryMaxMs ?? 5_000, base * 2 ** Math.min(this.failures - 1, 16));
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = undefined;
        // A failed attempt may still be unwinding; start once it has.
        void (this.connecting ?? Promise.resolve()).then(() => this.start());
      },
      Math.floor(Math.random() * ceiling),
    );
    this.retryTimer.unref();
  }

  private lose(): void {
    const channels = [...this.listened];
    this.listened.clear();
    for (const channel of channels) for (const subscriber of this.subscribers.get(channel) ?? []) subscriber.reset();
  }
}
