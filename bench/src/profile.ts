import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: a package, a lib or app of ours, Node.js itself, or the VM. */
function owner(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (pkg) return pkg[1];
  const ours = url.match(/dist\/((?:libs\/shared|libs|apps)\/[^/]+)\//);
  if (ours) return `ours: ${ours[1]}`;
  if (url.startsWith('node:')) return 'node core';
  return url;
}

/** Self time by package and by function from the `.cpuprofile` the server wrote on exit. */
export function analyseProfile(dir: string, title: string): string {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) return `# Profile: ${title}\n\nNo .cpuprofile was written (did the server exit cleanly?).\n`;
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const micros = profile.timeDeltas[i] ?? 0;
    if (!node || node.callFrame.functionName === '(idle)') return;
    total += micros;
    const who = owner(node.callFrame);
    byOwner.set(who, (byOwner.get(who) ?? 0) + micros);
    const place = node.callFrame.url
      ? `${node.callFrame.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/')}:${node.callFrame.lineNumber + 1}`
      : '';
    const key = `${node.callFrame.functionName || '(anonymous)'} ${place}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
  });
  const share = (micros: number) => `${((100 * micros) / total).toFixed(1)} %`;
  const top = (map: Map<string, number>, n: number) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
  return [
    `# Profile: ${title}`,
    '',
    `Busy CPU time sampled in the API process: ${(total / 1000).toFixed(0)} ms (idle left out). Self time, by where the code lives:`,
    '',
    '| Code | Self time |',
    '| --- | ---: |',
    ...top(byOwner, 20).map(([who, micros]) => `| ${who} | ${share(micros)} |`),
    '',
    'Hottest functions (self time):',
    '',
    '| Function | Self time |',
    '| --- | ---: |',
    ...top(byFunction, 25).map(([fn, micros]) => `| \`${fn}\` | ${share(micros)} |`),
    '',
  ].join('\n');
}
