// The workspace's Nx plugin (generators.json lists its generators; run them through npm run lib:new).
export { default as domainLibGenerator } from './domain-lib/generator';
