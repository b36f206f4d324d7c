import request from 'supertest';
import { TestApp } from './support/test-app';

/** Every file the page loads: `src`/`href` attributes, module imports, and the editor's workers. */
function assetUrls(html: string): string[] {
  const urls = new Set<string>();
  for (const [, url] of html.matchAll(/\b(?:src|href)="([^"]+)"/g)) urls.add(url);
  for (const [, url] of html.matchAll(/\bfrom\s+"([^"]+)"/g)) urls.add(url);
  const assets = /new URL\("([^"]+)" \+ file/.exec(html)?.[1];
  for (const [, file] of html.matchAll(/"(\w+Worker\.js)"/g)) urls.add(`${assets}${file}`);
  return [...urls].sort();
}

describe('the development GraphQL IDE', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ NODE_ENV: 'development' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is a GraphiQL page whose every script, style and worker comes from the API itself', async () => {
    const page = await request(t.app.getHttpServer()).get('/graphql').set('accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<title>GraphiQL');
    expect(page.text).toContain('"endpoint":"/graphql"');
    // No CDN, nor any other origin: nothing in the page names one.
    expect(page.text).not.toMatch(/https?:\/\/|\/\/unpkg|cdn/i);
    expect(assetUrls(page.text)).toEqual([
      '/graphiql/editorWorker.js',
      '/graphiql/graphqlWorker.js',
      '/graphiql/jsonWorker.js',
      '/graphiql/ruru.css',
      '/graphiql/ruru.js',
    ]);
  });

  it('serves each of those files, as JavaScript or CSS', async () => {
    const page = await request(t.app.getHttpServer()).get('/graphql').set('accept', 'text/html');
    for (const url of assetUrls(page.text)) {
      const file = await request(t.app.getHttpServer()).get(url);
      expect({ url, status: file.status }).toEqual({ url, status: 200 });
      expect(file.headers['content-type']).toMatch(url.endsWith('.css') ? /^text\/css/ : /^(text|application)\/javascript/);
      expect(Number(file.headers['content-length'])).toBeGreaterThan(1000);
    }
  });

  it('serves the chunks the main module loads, and nothing outside its folder', async () => {
    const main = await request(t.app.getHttpServer()).get('/graphiql/ruru.js');
    const chunk = /\b(\d{2,5})\.js\b/.exec(main.text)?.[1];
    if (chunk !== undefined) expect((await request(t.app.getHttpServer()).get(`/graphiql/${chunk}.js`)).status).toBe(200);
    expect((await request(t.app.getHttpServer()).get('/graphiql/missing.js')).status).toBe(404);
    const outside = await request(t.app.getHttpServer()).get('/graphiql/..%2Fpackage.json');
    expect(outside.status).toBe(403);
    expect(outside.text).not.toContain('"name": "ruru"');
  });

  it('still answers GraphQL on the same path', async () => {
    expect(await t.gql.ok('{ __typename }')).toEqual({ __typename: 'Query' });
  });
});

describe('the IDE in production', () => {
  it('is not served: neither the page nor its files', async () => {
    const t = await TestApp.start({ NODE_ENV: 'production' });
    try {
      const page = await request(t.app.getHttpServer()).get('/graphql').set('accept', 'text/html');
      expect(page.text).not.toMatch(/graphiql|ruru|<html/i);
      expect(page.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
      const file = await request(t.app.getHttpServer()).get('/graphiql/ruru.js');
      expect(file.status).toBe(404);
      expect(file.text).not.toContain('createRoot');
    } finally {
      await t.close();
    }
  });
});
