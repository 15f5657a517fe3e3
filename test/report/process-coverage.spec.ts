import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceTokenProvider } from '../../src/engine-client/service-token';
import { collectCoverage, coverageOutputDir, EngineGet, missingNodeLines, renderMarkdown } from '../../scripts/process-coverage/process-coverage';
import { testConfig } from '../support/backend';

/**
 * Runs last (test/support/process-coverage-last.js): after the other stack specs drove the flows, every flow node of
 * every shipped model must have been reached at least once. Writes test-output/process-coverage.{json,md} either way.
 */
describe('process coverage of the shipped models', () => {
  it('reached every flow node of every template and district variant', async () => {
    const { keycloak, api, engine } = testConfig;
    const tokens = ServiceTokenProvider.forRealm(keycloak.url, keycloak.realm, api.serviceClient);
    const get: EngineGet = async <T>(path: string) => {
      const response = await fetch(`${engine.url}${path}`, { headers: { authorization: `Bearer ${await tokens.token()}`, accept: 'application/json' } });
      if (!response.ok) throw new Error(`engine ${response.status} for ${path}: ${await response.text()}`);
      return (await response.json()) as T;
    };

    const report = await collectCoverage(get);
    mkdirSync(coverageOutputDir, { recursive: true });
    writeFileSync(join(coverageOutputDir, 'process-coverage.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(coverageOutputDir, 'process-coverage.md'), renderMarkdown(report));

    expect(report.models.length).toBeGreaterThan(0);
    const missing = missingNodeLines(report);
    if (missing.length) throw new Error(`${missing.length} flow node(s) of shipped models were never reached (see test-output/process-coverage.md):\n  ${missing.join('\n  ')}`);
  });
});
