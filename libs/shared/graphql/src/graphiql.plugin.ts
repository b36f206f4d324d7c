import type { ApolloServerPlugin } from '@apollo/server';
import { dirname, join } from 'node:path';

/**
 * The development IDE. `GET /graphql` with `Accept: text/html` answers a GraphiQL page whose
 * scripts, styles, fonts and editor workers all come from the API's own origin, under
 * {@link GRAPHIQL_ASSETS_PATH}, so it works on a machine without internet. The files are the
 * prebuilt GraphiQL distribution of the `ruru` package (GraphiQL with React, bundled, no CDN);
 * the app serves them with {@link graphiqlAssetsDir} outside production only. Production serves
 * no page (Nest's landing page is disabled, and the strict content policy stays).
 */
export const GRAPHIQL_ASSETS_PATH = '/graphiql/';

/** Where the IDE's files are installed. Resolved only when called, so production needs no such package. */
export function graphiqlAssetsDir(): string {
  // `ruru`'s main module is dist/index.js; its prebuilt browser files are beside dist, in static/.
  return join(dirname(require.resolve('ruru')), '..', 'static');
}

/** JSON for inside a <script>: nothing in it may end the element or open a comment. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/** The page: the stylesheet, the configuration, the editor's workers and the module, each from `assets`. */
export function graphiqlHtml(endpoint: string, assets = GRAPHIQL_ASSETS_PATH): string {
  const config = { endpoint, subscriptionEndpoint: endpoint, staticPath: assets, debugTools: [] };
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<title>GraphiQL · Common Ground</title>
<link rel="modulepreload" href="${assets}ruru.js" />
<link rel="stylesheet" href="${assets}ruru.css" />
<style>body { margin: 0; } #ruru-root { height: 100vh; }</style>
<script>const RURU_CONFIG = ${scriptJson(config)};</script>
<script type="module">
const worker = (file) => new Worker(new URL(${scriptJson(assets)} + file, import.meta.url), { type: "module" });
globalThis.MonacoEnvironment = {
  getWorker(_, label) {
    return worker(label === "json" ? "jsonWorker.js" : label === "graphql" ? "graphqlWorker.js" : "editorWorker.js");
  },
};
</script>
</head>
<body>
<div id="ruru-root">Loading…</div>
<script type="module">
import { React, createRoot, Ruru } from ${scriptJson(`${assets}ruru.js`)};
createRoot(document.getElementById("ruru-root")).render(React.createElement(Ruru, RURU_CONFIG));
</script>
</body>
</html>
`;
}

/** Apollo's landing page for `GET` with `Accept: text/html`: the page above. */
export function graphiqlPlugin(endpoint: string): ApolloServerPlugin {
  return {
    async serverWillStart() {
      const html = graphiqlHtml(endpoint);
      return {
        async renderLandingPage() {
          return { html };
        },
      };
    },
  };
}
