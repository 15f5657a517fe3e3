import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DeploymentFile, EngineClient } from '../engine-client/engine-client';
import { repoRoot } from '../repo-root';

const modelsDir = join(repoRoot, 'bpmn');
const MODEL_FILE = /\.(bpmn|dmn|form)$/;

export interface ShippedDeployment {
  name: string;
  tenantId: string | null;
  files: DeploymentFile[];
}

function filesIn(dir: string): DeploymentFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => MODEL_FILE.test(name))
    .sort()
    .map((name) => ({ name, content: readFileSync(join(dir, name)) }));
}

/** The shared DMN tables and forms a district deployment carries unless it brings its own (bound by deployment). */
export function sharedSupportingFiles(root = modelsDir): DeploymentFile[] {
  return [...filesIn(join(root, 'dmn')), ...filesIn(join(root, 'forms'))];
}

/**
 * The provincial templates (shared, no tenant) and one deployment per district variant. Each variant
 * deployment also carries the shared DMN tables and forms it does not override, because forms and
 * decisions are bound by deployment.
 */
export function shippedDeployments(root = modelsDir): ShippedDeployment[] {
  const shared = [...filesIn(join(root, 'templates')), ...filesIn(join(root, 'dmn')), ...filesIn(join(root, 'forms'))];
  const supporting = sharedSupportingFiles(root);
  const districtsDir = join(root, 'districts');
  const variants = existsSync(districtsDir)
    ? readdirSync(districtsDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => {
          const own = filesIn(join(districtsDir, entry.name));
          const ownNames = new Set(own.map((f) => basename(f.name)));
          return { name: `xietong-${entry.name}`, tenantId: entry.name, files: [...own, ...supporting.filter((f) => !ownNames.has(f.name))] };
        })
        .filter((variant) => variant.files.some((f) => f.name.endsWith('.bpmn')))
    : [];
  return [{ name: 'xietong-templates', tenantId: null, files: shared }, ...variants];
}

/** Deploys what changed since the last run; unchanged resources are filtered by the engine itself. */
export async function deployShipped(engine: EngineClient, root = modelsDir): Promise<Array<{ name: string; tenantId: string | null; definitions: string[] }>> {
  const results = [];
  for (const deployment of shippedDeployments(root)) {
    const deployed = await engine.deploy(deployment.name, deployment.files, {
      tenantId: deployment.tenantId ?? undefined,
      source: 'xietong-shipped',
      skipIfUnchanged: true,
    });
    const definitions = Object.values(deployed.deployedProcessDefinitions ?? {}).map((d) => `${d.key}:${d.version}`);
    results.push({ name: deployment.name, tenantId: deployment.tenantId, definitions });
  }
  return results;
}
