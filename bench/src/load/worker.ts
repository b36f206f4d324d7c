import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { Random, WeightedPicker } from '../random';
import { checkAnswer, checkLoosely, draw, Draw, findScenario, Fixtures, PATHS, requestBody } from '../scenarios';
import type { LoadResult, LoadSpec, WorkerMessage, WorkerRequest } from './protocol';

/**
 * The load generator, in its own process: autocannon over keep-alive connections to 127.0.0.1,
 * every request's variables drawn from the fixtures with a seeded generator, and every response
 * body checked (status, JSON, no GraphQL `errors`, and the data itself).
 */
const fixtures = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Fixtures;

interface Context {
  draw?: Draw;
}

function run(spec: LoadSpec): Promise<LoadResult> {
  const scenario = findScenario(spec.scenario);
  if (!scenario) return Promise.reject(new Error(`unknown scenario ${spec.scenario}`));
  const document = 'documents' in scenario ? scenario.documents[spec.target] : undefined;
  const random = new Random(spec.seed);
  const picker = new WeightedPicker(scenario.mix.map(([, weight]) => weight));
  const path = PATHS[spec.target];
  let invalid = 0;
  let checked = 0;
  const samples: string[] = [];
  // autocannon's own histogram keeps whole milliseconds; its per-response times are exact.
  const latencies: number[] = [];
  const percentile = (sorted: Float64Array, p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0);
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: spec.duration,
        pipelining: 1,
        timeout: 10,
        requests: [
          {
            method: 'POST',
            path,
            setupRequest: (request, context) => {
              const d = draw(scenario.mix[picker.pick(random)][0], fixtures, random);
              (context as Context).draw = d;
              const headers: Record<string, string> = { 'content-type': 'application/json' };
              if (d.token) headers.authorization = `Bearer ${d.token}`;
              return { ...request, method: 'POST', path, headers, body: requestBody(spec.target, d, document) };
            },
            onResponse: (status, body, context) => {
              const d = (context as Context).draw;
              checked++;
              const problem = !d ? 'no request recorded' : document ? checkLoosely(status, body) : checkAnswer(spec.target, d, status, body);
              if (problem) {
                invalid++;
                if (samples.length < 5) samples.push(`${d?.op ?? '?'}: ${problem}`);
              }
            },
          },
        ],
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        const seconds = result.duration;
        const sorted = Float64Array.from(latencies).sort();
        resolve({
          requests: result.requests.total,
          seconds,
          rps: result.requests.total / seconds,
          p50: percentile(sorted, 50),
          p90: percentile(sorted, 90),
          p99: percentile(sorted, 99),
          max: percentile(sorted, 100),
          checked,
          errors: invalid + result.errors,
          invalid,
          socketErrors: result.errors,
          timeouts: result.timeouts,
          samples,
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

process.on('message', (message: WorkerRequest) => {
  run(message.spec).then(
    (result) => process.send?.({ id: message.id, result } satisfies WorkerMessage),
    (error: unknown) => process.send?.({ id: message.id, error: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage),
  );
});
process.on('disconnect', () => process.exit(0));
process.send?.({ id: 0, ready: true } satisfies WorkerMessage);
