import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ActivityRecord, collectCoverage, coverageOf, graphsOf, inferTakenFlows, missingNodeLines, ModelGraph, renderMarkdown, shippedGraphs } from './process-coverage';

const t = (seconds: number) => new Date(Date.UTC(2026, 10, 29, 8, 0, seconds)).toISOString();
/** An activity instance: [activity, start s, end s (null while running)]. */
const run = (instance: string, steps: Array<[string, number, number | null]>): ActivityRecord[] =>
  steps.map(([activityId, start, end]) => ({ activityId, processInstanceId: instance, startTime: t(start), endTime: end === null ? null : t(end) }));

// Through A, both parallel branches (D finishes first) and the join, which records one instance per arriving token.
const viaA = run('pi-1', [['Start', 0, 0], ['Gw', 0, 0], ['A', 0, 10], ['Split', 10, 10], ['C', 10, 20], ['D', 10, 15], ['Join', 15, 15], ['Join', 20, 20], ['End', 20, 20]]);
// Straight to B.
const viaB = run('pi-2', [['Start', 0, 0], ['Gw', 0, 0], ['B', 1, 2], ['End2', 2, 2]]);
// A's timer fires: A is cancelled and B is entered through the boundary event's flow, not the gateway's.
const viaTimer = run('pi-3', [['Start', 0, 0], ['Gw', 0, 0], ['A', 0, 5], ['Timer', 5, 5], ['B', 5, 6], ['End2', 6, 6]]);

describe('process coverage', () => {
  let graph: ModelGraph;
  beforeAll(async () => {
    [graph] = await graphsOf(readFileSync(join(__dirname, 'fixtures', 'branching.bpmn'), 'utf8'), { tenantId: null, deployment: 'fixture', file: 'branching.bpmn' });
  });

  it('reads every flow node, boundary events included, and every sequence flow of the model', () => {
    expect(graph.nodes.map((n) => n.id).sort()).toEqual(['A', 'B', 'C', 'D', 'End', 'End2', 'Gw', 'Join', 'Split', 'Start', 'Timer']);
    expect(graph.flows).toHaveLength(11);
  });

  it('credits the flow from the source that ended last before the target started', () => {
    expect([...inferTakenFlows(graph, viaB)].sort()).toEqual(['F1', 'F3', 'F5']);
    expect([...inferTakenFlows(graph, viaTimer)].sort()).toEqual(['F1', 'F11', 'F2', 'F5']);
  });

  it('credits both branches into a parallel join, whichever finished first', () => {
    expect([...inferTakenFlows(graph, viaA)].sort()).toEqual(['F1', 'F10', 'F2', 'F4', 'F6', 'F7', 'F8', 'F9']);
    // An engine that records the join once, when the last token arrives, gives the same answer.
    const joinedOnce = viaA.filter((r, i) => !(r.activityId === 'Join' && i === 6));
    expect(inferTakenFlows(graph, joinedOnce)).toEqual(inferTakenFlows(graph, viaA));
  });

  it('never credits a flow whose target was not reached, nor one whose source was still running', () => {
    const stuck = run('pi-4', [['Start', 0, 0], ['Gw', 0, 0], ['A', 0, null]]);
    expect([...inferTakenFlows(graph, stuck)].sort()).toEqual(['F1', 'F2']);
  });

  it('lists what the runs missed: without the direct path to B, only the gateway → B flow is missing', () => {
    const sut = coverageOf(graph, [...viaA, ...viaTimer], ['branching:1:x']);
    expect(sut.nodes).toEqual({ reached: 11, total: 11, missing: [] });
    expect(sut.flows.missing.map((f) => f.id)).toEqual(['F3']);
    expect(sut.processInstances).toBe(2);

    const onlyB = coverageOf(graph, viaB);
    expect(onlyB.nodes.missing.map((n) => n.id)).toEqual(['A', 'Timer', 'Split', 'C', 'D', 'Join', 'End']);
  });

  it('counts a multi-instance activity through its body', () => {
    const sut = coverageOf(graph, run('pi-5', [['Start', 0, 0], ['Gw', 0, 0], ['B#multiInstanceBody', 1, 3], ['B', 1, 2], ['End2', 3, 3]]));
    expect(sut.nodes.missing.map((n) => n.id)).not.toContain('B');
    expect(sut.flows.missing.map((f) => f.id)).not.toContain('F5');
  });

  it('reads the history of the versions the shipped deployments made, and of the same file deployed again, and only those', async () => {
    const calls: string[] = [];
    const versions = [
      { id: 'branching:1:x', deploymentId: 'd1' },
      { id: 'branching:2:x', deploymentId: 'd2' },
      { id: 'branching:3:x', deploymentId: 'd2' },
    ];
    const xmlOf: Record<string, string> = { 'branching:2:x': graph.xml!, 'branching:3:x': graph.xml!.replace('</bpmn:process>', '<bpmn:task id="Extra" /></bpmn:process>') };
    const get = async <T>(path: string): Promise<T> => {
      calls.push(path);
      if (path.startsWith('/deployment')) return [{ id: 'd1', source: 'xietong-shipped', tenantId: null }, { id: 'd2', source: 'xietong-api', tenantId: null }] as T;
      const xml = /^\/process-definition\/([^/]+)\/xml$/.exec(path);
      if (xml) return { bpmn20Xml: xmlOf[decodeURIComponent(xml[1])] } as T;
      if (path.startsWith('/process-definition')) return versions as T;
      return (path.includes('branching%3A1') ? viaA : viaTimer) as T;
    };
    const report = await collectCoverage(get, [graph], new Date('2026-11-29T12:00:00Z'));
    const history = calls.filter((c) => c.startsWith('/history'));
    expect(history.map((c) => /processDefinitionId=([^&]+)/.exec(c)?.[1])).toEqual(['branching%3A1%3Ax', 'branching%3A2%3Ax']);
    expect(history[0]).toContain('sortBy=occurrence');
    expect(report.totals).toEqual({ nodes: { reached: 11, total: 11 }, flows: { reached: 10, total: 11 } });
    expect(missingNodeLines(report)).toEqual([]);
    expect(renderMarkdown(report)).toContain('- flow `F3` Gw → B');
  });

  it('finds a model for every shipped BPMN file, templates and district variants', async () => {
    const graphs = await shippedGraphs();
    expect(graphs.filter((g) => g.tenantId === null).map((g) => g.processKey)).toContain('intake-dispatch');
    for (const g of graphs) expect([g.file, g.nodes.length > 0]).toEqual([g.file, true]);
  });
});
