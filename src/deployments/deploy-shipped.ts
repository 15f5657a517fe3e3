import { loadConfig } from '../config/config.schema';
import { EngineClient } from '../engine-client/engine-client';
import { ServiceTokenProvider } from '../engine-client/service-token';
import { deployShipped } from './shipped-models';

/** `node dist/src/deployments/deploy-shipped.js`: run by the stack launcher after the engine is up. */
async function main(): Promise<void> {
  const config = loadConfig();
  const engine = new EngineClient(config.engine.url, ServiceTokenProvider.forRealm(config.keycloak.url, config.keycloak.realm, config.api.serviceClient));
  for (const result of await deployShipped(engine)) {
    const changed = result.definitions.length ? `new versions ${result.definitions.join(', ')}` : 'unchanged';
    console.log(`${result.name} (${result.tenantId ?? 'shared'}): ${changed}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
