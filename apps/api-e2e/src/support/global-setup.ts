import { setUpTestServer } from '@common-ground/shared/testing';

export default async function globalSetup(): Promise<void> {
  await setUpTestServer();
}
