/**
 * Process coverage of the shipped models: which flow nodes and sequence flows the test runs made the engine go
 * through, read back from the engine's history.
 *
 * Nodes: a flow node is reached when a historic activity instance of its id exists in an instance of a definition
 * deployed by a shipped deployment (same key and tenant; every version, since the shipped deployments redeploy
 * changed files only). A multi-instance activity counts through its `#multiInstanceBody` too.
 *
 * Sequence flows are not in Camunda's history, so they are inferred: within one process instance, in the engine's
 * own order of occurrence, an activity instance of T was entered through the flow S→T whose source S has the latest
 * activity instance before it that had already ended when T started. A joining parallel or inclusive gateway is
 * entered through every incoming flow whose source ended after the gateway's previous instance started and by this one's start.
 * The inference can credit the wrong flow only where two sources of the same target end in the same instant on
 * concurrent paths into a non-joining node; it never credits a flow whose target was not reached.
 */
import { join } from 'node:path';
import { shippedDeployments, type ShippedDeployment } from '../../src/deployments/shipped-models';
import { templateParser, type ModdleElement } from '../../src/deployments/model-guard/model-libraries';
import { repoRoot } from '../../src/repo-root';

type Element = ModdleElement & { $instanceOf(type: string): boolean };

export interface FlowNode {
  id: string;
  name: string | null;
  type: string;
}

export interface SequenceFlow {
  id: string;
  sourceRef: string;
  targetRef: string;
}

/** One executable process of one shipped deployment, as the file in the repository describes it. */
export interface ModelGraph {
  processKey: string;
  tenantId: string | null;
  deployment: string;
  file: string;
  /** The file's text, to recognise the same model deployed again under another deployment. */
  xml?: string;
  nodes: FlowNode[];
  flows: SequenceFlow[];
}

/** The fields of a historic activity instance the inference reads, in the engine's order of occurrence. */
export interface ActivityRecord {
  activityId: string;
  activityType?: string;
  processInstanceId: string;
  startTime: string;
  endTime: string | null;
}

export interface ModelCoverage {
  processKey: string;
  tenantId: string | null;
  file: string;
  definitionIds: string[];
  processInstances: number;
  nodes: { reached: number; total: number; missing: FlowNode[] };
  flows: { reached: number; total: number; missing: SequenceFlow[] };
}

export interface CoverageReport {
  generatedAt: string;
  inference: string;
  models: ModelCoverage[];
  totals: { nodes: { reached: number; total: number }; flows: { reached: number; total: number } };
}

const JOINS = new Set(['bpmn:ParallelGateway', 'bpmn:InclusiveGateway']);

/** Every flow node and sequence flow of a process, at any subprocess depth. */
function collect(container: Element, graph: Pick<ModelGraph, 'nodes' | 'flows'>): void {
  for (const element of (container.get('flowElements') as Element[] | undefined) ?? []) {
    if (element.$instanceOf('bpmn:SequenceFlow')) {
      graph.flows.push({ id: element.id as string, sourceRef: (element.get('sourceRef') as Element).id as string, targetRef: (element.get('targetRef') as Element).id as string });
    } else if (element.$instanceOf('bpmn:FlowNode')) {
      graph.nodes.push({ id: element.id as string, name: (element.get('name') as string | undefined) ?? null, type: element.$type });
      if (element.$instanceOf('bpmn:SubProcess')) collect(element, graph);
    }
  }
}

/** The executable processes of one BPMN document. */
export async function graphsOf(xml: string, where: { tenantId: string | null; deployment: string; file: string }): Promise<ModelGraph[]> {
  const { rootElement } = await templateParser().fromXML(xml);
  const processes = ((rootElement.get('rootElements') as Element[] | undefined) ?? []).filter((e) => e.$type === 'bpmn:Process' && e.get('isExecutable') === true);
  return processes.map((process) => {
    const graph: ModelGraph = { processKey: process.id as string, ...where, xml, nodes: [], flows: [] };
    collect(process, graph);
    return graph;
  });
}

/** The BPMN processes of every shipped deployment: the templates (shared) and each district's own variants. */
export async function shippedGraphs(deployments: ShippedDeployment[] = shippedDeployments()): Promise<ModelGraph[]> {
  const graphs: ModelGraph[] = [];
  for (const deployment of deployments) {
    const folder = deployment.tenantId ? join('bpmn', 'districts', deployment.tenantId) : join('bpmn', 'templates');
    for (const file of deployment.files.filter((f) => f.name.endsWith('.bpmn'))) {
      graphs.push(...(await graphsOf(String(file.content), { tenantId: deployment.tenantId, deployment: deployment.name, file: join(folder, file.name) })));
    }
  }
  return graphs;
}

const activityOf = (record: ActivityRecord) => record.activityId.replace(/#multiInstanceBody$/, '');

/** The ids of the sequence flows taken, inferred from the activity instances (see the comment at the top). */
export function inferTakenFlows(graph: Pick<ModelGraph, 'nodes' | 'flows'>, activities: ActivityRecord[]): Set<string> {
  const incoming = new Map<string, SequenceFlow[]>();
  for (const flow of graph.flows) incoming.set(flow.targetRef, [...(incoming.get(flow.targetRef) ?? []), flow]);
  const joins = new Set(graph.nodes.filter((n) => JOINS.has(n.type)).map((n) => n.id));
  const taken = new Set<string>();

  const byInstance = new Map<string, ActivityRecord[]>();
  for (const record of activities) byInstance.set(record.processInstanceId, [...(byInstance.get(record.processInstanceId) ?? []), record]);

  for (const records of byInstance.values()) {
    records.forEach((record, position) => {
      const target = activityOf(record);
      const flows = incoming.get(target) ?? [];
      if (!flows.length) return;
      const start = Date.parse(record.startTime);
      const endedBefore = (earlier: ActivityRecord) => earlier.endTime !== null && Date.parse(earlier.endTime) <= start;
      if (joins.has(target)) {
        // Every source that ended after this gateway's previous instance started, and by this one's start, delivered a token.
        const previous = records.slice(0, position).reverse().find((r) => activityOf(r) === target);
        const after = previous ? Date.parse(previous.startTime) : -Infinity;
        const delivered = records.slice(0, position).filter((r) => endedBefore(r) && Date.parse(r.endTime as string) > after).map(activityOf);
        for (const flow of flows) if (delivered.includes(flow.sourceRef)) taken.add(flow.id);
        return;
      }
      for (let k = position - 1; k >= 0; k--) {
        const source = activityOf(records[k]);
        const flow = flows.find((f) => f.sourceRef === source);
        if (flow && endedBefore(records[k])) {
          taken.add(flow.id);
          return;
        }
      }
    });
  }
  return taken;
}

/** Nodes and flows of one model reached by the given activity instances. */
export function coverageOf(graph: ModelGraph, activities: ActivityRecord[], definitionIds: string[] = []): ModelCoverage {
  const reachedNodes = new Set(activities.map(activityOf));
  const taken = inferTakenFlows(graph, activities);
  const missingNodes = graph.nodes.filter((n) => !reachedNodes.has(n.id));
  const missingFlows = graph.flows.filter((f) => !taken.has(f.id));
  return {
    processKey: graph.processKey,
    tenantId: graph.tenantId,
    file: graph.file,
    definitionIds,
    processInstances: new Set(activities.map((a) => a.processInstanceId)).size,
    nodes: { reached: graph.nodes.length - missingNodes.length, total: graph.nodes.length, missing: missingNodes },
    flows: { reached: graph.flows.length - missingFlows.length, total: graph.flows.length, missing: missingFlows },
  };
}

/** Read access to the engine's REST API (GET, JSON), e.g. with a service token. */
export type EngineGet = <T>(path: string) => Promise<T>;

const PAGE = 1000;

async function allPages<T>(get: EngineGet, path: string): Promise<T[]> {
  const rows: T[] = [];
  for (let first = 0; ; first += PAGE) {
    const page = await get<T[]>(`${path}&firstResult=${first}&maxResults=${PAGE}`);
    rows.push(...page);
    if (page.length < PAGE) return rows;
  }
}

/** Coverage of every shipped model from the engine's history. */
export async function collectCoverage(get: EngineGet, graphs?: ModelGraph[], now = new Date()): Promise<CoverageReport> {
  const models: ModelCoverage[] = [];
  for (const graph of graphs ?? (await shippedGraphs())) {
    const tenant = graph.tenantId ? `tenantIdIn=${encodeURIComponent(graph.tenantId)}` : 'withoutTenantId=true';
    const deployments = await get<Array<{ id: string; source: string | null; tenantId: string | null }>>(`/deployment?name=${encodeURIComponent(graph.deployment)}&${tenant}`);
    const shipped = new Set(deployments.filter((d) => d.source === 'xietong-shipped' && (d.tenantId ?? null) === graph.tenantId).map((d) => d.id));
    const definitionIds: string[] = [];
    // A test that puts the shipped file back through the API (a rollback, a restore) runs the same model under
    // another deployment: its versions count too, recognised by their XML being the file's.
    const versions = await get<Array<{ id: string; deploymentId: string }>>(`/process-definition?key=${encodeURIComponent(graph.processKey)}&${tenant}`);
    for (const version of versions) {
      if (shipped.has(version.deploymentId) || (graph.xml !== undefined && (await get<{ bpmn20Xml: string }>(`/process-definition/${encodeURIComponent(version.id)}/xml`)).bpmn20Xml === graph.xml)) {
        definitionIds.push(version.id);
      }
    }
    const activities: ActivityRecord[] = [];
    for (const id of definitionIds) {
      activities.push(...(await allPages<ActivityRecord>(get, `/history/activity-instance?processDefinitionId=${encodeURIComponent(id)}&sortBy=occurrence&sortOrder=asc`)));
    }
    models.push(coverageOf(graph, activities, definitionIds.sort()));
  }
  const sum = (pick: (m: ModelCoverage) => { reached: number; total: number }) =>
    models.reduce((a, m) => ({ reached: a.reached + pick(m).reached, total: a.total + pick(m).total }), { reached: 0, total: 0 });
  return {
    generatedAt: now.toISOString(),
    inference: 'Sequence flows are inferred per process instance from the order of historic activity instances: see scripts/process-coverage/process-coverage.ts.',
    models,
    totals: { nodes: sum((m) => m.nodes), flows: sum((m) => m.flows) },
  };
}

const pct = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 1000) / 10}%` : '—');

/** The report as a short Markdown page: one row per model, then what was never reached. */
export function renderMarkdown(report: CoverageReport): string {
  const lines = [
    '# Process coverage of the shipped models',
    '',
    `Generated ${report.generatedAt} from the engine's history after the stack tests.`,
    `Flow nodes ${report.totals.nodes.reached}/${report.totals.nodes.total} (${pct(report.totals.nodes.reached, report.totals.nodes.total)}), ` +
      `sequence flows ${report.totals.flows.reached}/${report.totals.flows.total} (${pct(report.totals.flows.reached, report.totals.flows.total)}).`,
    '',
    '| model | tenant | instances | flow nodes | sequence flows |',
    '| --- | --- | ---: | ---: | ---: |',
    ...report.models.map(
      (m) =>
        `| ${m.file} (${m.processKey}) | ${m.tenantId ?? 'shared'} | ${m.processInstances} | ${m.nodes.reached}/${m.nodes.total} (${pct(m.nodes.reached, m.nodes.total)}) | ${m.flows.reached}/${m.flows.total} (${pct(m.flows.reached, m.flows.total)}) |`,
    ),
    '',
    '## Not reached',
    '',
  ];
  for (const m of report.models.filter((m) => m.nodes.missing.length || m.flows.missing.length)) {
    lines.push(`### ${m.file} (${m.tenantId ?? 'shared'})`, '');
    for (const n of m.nodes.missing) lines.push(`- node \`${n.id}\` ${n.name ?? ''} (${n.type.replace('bpmn:', '')})`);
    for (const f of m.flows.missing) lines.push(`- flow \`${f.id}\` ${f.sourceRef} → ${f.targetRef}`);
    lines.push('');
  }
  lines.push('Sequence flows are inferred, not recorded by the engine: see the comment at the top of scripts/process-coverage/process-coverage.ts.', '');
  return lines.join('\n');
}

export const coverageOutputDir = join(repoRoot, 'test-output');

/** Flow nodes never reached, as one line each, for a failing test's message. */
export function missingNodeLines(report: CoverageReport): string[] {
  return report.models.flatMap((m) => m.nodes.missing.map((n) => `${m.file} [${m.tenantId ?? 'shared'}] ${n.id} ${n.name ?? ''} (${n.type.replace('bpmn:', '')})`));
}
