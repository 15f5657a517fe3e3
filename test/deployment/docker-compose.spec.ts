import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { configVariables, loadConfig } from '../../src/config/config.schema';

const root = join(__dirname, '../..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { environment?: Record<string, string>; healthcheck?: { test: unknown }; build?: { dockerfile: string }; volumes?: string[]; ports?: string[] }>;
};

/** What docker compose makes of `${NAME:-default}` when NAME is not set. */
const withDefaults = (env: Record<string, string>) =>
  Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')]));

describe('docker-compose.yml', () => {
  it('describes the whole stack, each part with a health check', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'engine', 'keycloak', 'mysql', 'workers']);
    for (const [name, service] of Object.entries(compose.services)) {
      expect({ name, test: service.healthcheck?.test }).toEqual({ name, test: expect.any(Array) });
    }
  });

  it.each(['api', 'workers'])('gives %s only variables the config schema knows, and values it accepts', (name) => {
    const env = compose.services[name].environment ?? {};
    expect(Object.keys(env).filter((key) => !configVariables.includes(key))).toEqual([]);
    expect(() => loadConfig(withDefaults(env))).not.toThrow();
  });

  it('gives the engine only variables its application.yaml reads', () => {
    const applicationYaml = readFileSync(join(root, 'engine/src/main/resources/application.yaml'), 'utf8');
    const read = new Set([...applicationYaml.matchAll(/\$\{([A-Z_]+)/g)].map((m) => m[1]));
    expect(Object.keys(compose.services.engine.environment ?? {}).filter((key) => !read.has(key))).toEqual([]);
  });

  it('exposes the engine to no one outside the compose network', () => {
    expect(compose.services.engine.ports).toBeUndefined();
  });

  it('builds from files that exist and imports the realm the local stack uses', () => {
    for (const service of Object.values(compose.services)) {
      if (service.build) expect(existsSync(join(root, service.build.dockerfile))).toBe(true);
    }
    expect(compose.services.keycloak.volumes).toContain('./keycloak/realm-xietong.json:/opt/keycloak/data/import/realm-xietong.json:ro');
  });
});
