import { tearDownTestServer } from '@common-ground/shared/testing';

export default async function globalTeardown(): Promise<void> {
  await tearDownTestServer();
}
