import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/config.schema';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { EngineClient } from '../../src/engine-client/engine-client';
import { ServiceTokenProvider } from '../../src/engine-client/service-token';
import { testProfile } from './api';

/** The test stack's configuration, exactly as its API and workers load it. */
export const testConfig = loadConfig({ ...testProfile.env });

/** A connection to the test stack's business schema. */
export async function openDatabase(): Promise<DataSource> {
  return new DataSource(dataSourceOptions(testConfig)).initialize();
}

/** The engine as the API reaches it: with the API's service token. */
export function apiEngineClient(): EngineClient {
  const { keycloak, api, engine } = testConfig;
  return new EngineClient(engine.url, ServiceTokenProvider.forRealm(keycloak.url, keycloak.realm, api.serviceClient));
}
