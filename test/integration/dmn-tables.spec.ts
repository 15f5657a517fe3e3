import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineClient } from '../../src/engine-client/engine-client';
import { fromEngineVariables, toEngineDate, toEngineVariables } from '../../src/engine-client/engine-variables';
import { ServiceTokenProvider } from '../../src/engine-client/service-token';
import { apiEngineClient, testConfig } from '../support/backend';
import { dmnDir, readDecisionTable, type DecisionTable } from './decision-tables';

/** One evaluation: the inputs, the rule it must hit and what that rule must answer. */
interface RuleCase {
  name: string;
  rule: string;
  inputs: Record<string, unknown>;
  expected: Record<string, unknown>;
}

interface HistoricDecisionInstance {
  id: string;
  inputs: Array<{ clauseId: string; value: unknown }>;
  outputs: Array<{ ruleId: string; variableName: string; value: unknown }>;
}

let engine: EngineClient;
const history = ServiceTokenProvider.forRealm(testConfig.keycloak.url, testConfig.keycloak.realm, testConfig.api.serviceClient);
const tables = new Map<string, DecisionTable>();
/** Decision key → the rule ids the engine's own history says were matched. */
const hitRules = new Map<string, Set<string>>();

beforeAll(async () => {
  engine = apiEngineClient();
  const files = readdirSync(dmnDir).filter((name) => name.endsWith('.dmn')).sort();
  for (const file of files) {
    const table = readDecisionTable(file);
    tables.set(table.decisionId, table);
    hitRules.set(table.decisionId, new Set());
  }
  // Deployed here so the spec never depends on an earlier deploy; unchanged files are filtered by the engine.
  await engine.deploy(
    'dmn-tables-test',
    files.map((name) => ({ name, content: readFileSync(join(dmnDir, name)) })),
    { source: 'dmn-tables-test', skipIfUnchanged: true },
  );
});

/** The decision instances of `key` evaluated since `since` with exactly these inputs, newest first. */
async function historyOf(key: string, since: Date, inputs: Record<string, unknown>): Promise<HistoricDecisionInstance[]> {
  const query = new URLSearchParams({
    decisionDefinitionKey: key,
    evaluatedAfter: toEngineDate(since),
    includeInputs: 'true',
    includeOutputs: 'true',
    sortBy: 'evaluationTime',
    sortOrder: 'desc',
  });
  const response = await fetch(`${testConfig.engine.url}/history/decision-instance?${query}`, {
    headers: { authorization: `Bearer ${await history.token()}`, accept: 'application/json' },
  });
  if (!response.ok) throw new Error(`decision history: ${response.status} ${await response.text()}`);
  const variableOf = tables.get(key)!.inputVariables;
  const instances = (await response.json()) as HistoricDecisionInstance[];
  return instances.filter((instance) => instance.inputs.every((input) => (inputs[variableOf[input.clauseId]] ?? null) === input.value));
}

/** Evaluates through the engine, and reads back from its history which rules matched. */
async function evaluate(key: string, inputs: Record<string, unknown>): Promise<{ results: Array<Record<string, unknown>>; matchedRules: string[] }> {
  // History keeps whole seconds: look back a little and tell instances apart by their inputs.
  const since = new Date(Date.now() - 2_000);
  const results = (await engine.evaluateDecision(key, toEngineVariables(inputs))).map(fromEngineVariables);
  const [instance] = await historyOf(key, since, inputs);
  if (!instance) throw new Error(`no decision history of ${key} for ${JSON.stringify(inputs)}`);
  const matchedRules = [...new Set(instance.outputs.map((output) => output.ruleId))];
  matchedRules.forEach((rule) => hitRules.get(key)!.add(rule));
  return { results, matchedRules };
}

/** Each case must hit exactly its rule and get that rule's answer; then every rule of the file must have been hit. */
function describeTable(key: string, cases: RuleCase[]): void {
  describe(`${key}.dmn`, () => {
    it.each(cases)('$name', async ({ rule, inputs, expected }) => {
      const { results, matchedRules } = await evaluate(key, inputs);
      expect(matchedRules).toEqual([rule]);
      expect(results).toHaveLength(1);
      expect(results[0]).toEqual(expect.objectContaining(expected));
    });

    it('has a case for every rule, so a rule added without a test fails here', () => {
      const table = tables.get(key)!;
      expect(new Set(cases.map((c) => c.rule))).toEqual(new Set(table.ruleIds));
      expect(hitRules.get(key)).toEqual(new Set(table.ruleIds));
    });
  });
}

const intake = { source: 'hotline', category: '市容环境', involvesMultipleDepartments: false, publicSafetyRisk: false, repeatComplaints: 0 };

describe('the shipped DMN tables, evaluated by the real engine', () => {
  it('covers every shipped table, each with the hit policy chosen for it', () => {
    expect(Object.fromEntries([...tables.values()].map((t) => [t.decisionId, t.hitPolicy]))).toEqual({
      discretion: 'UNIQUE',
      exemption: 'FIRST',
      triage: 'FIRST',
    });
  });

  describeTable('triage', [
    {
      name: 'a hotline report of a gas smell at a night market is major and supervised (督办) the same day',
      rule: 'TriagePublicSafety',
      inputs: { ...intake, publicSafetyRisk: true },
      expected: { triageLevel: 'major', dispatchMode: 'supervised', handlingDays: 1 },
    },
    {
      name: 'a public-safety risk outranks the source: an AI alert with a risk is supervised, not handled directly',
      rule: 'TriagePublicSafety',
      inputs: { ...intake, source: 'ai-alert', category: '渣土运输', publicSafetyRisk: true },
      expected: { triageLevel: 'major', dispatchMode: 'supervised', handlingDays: 1 },
    },
    {
      name: 'a river-bank dumping site needing several departments is major and supervised within 5 days',
      rule: 'TriageMultipleDepartments',
      inputs: { ...intake, source: 'photo-app', category: '环境卫生', involvesMultipleDepartments: true },
      expected: { triageLevel: 'major', dispatchMode: 'supervised', handlingDays: 5 },
    },
    {
      name: 'an illegal rooftop extension is major and assigned (交办) to the squad first, 15 days (先统后分)',
      rule: 'TriageIllegalConstruction',
      inputs: { ...intake, category: '违法建设' },
      expected: { triageLevel: 'major', dispatchMode: 'assigned', handlingDays: 15 },
    },
    {
      name: 'a shop front complained about for the third time is supervised with a 3-day deadline',
      rule: 'TriageRepeatedComplaints',
      inputs: { ...intake, repeatComplaints: 3 },
      expected: { triageLevel: 'routine', dispatchMode: 'supervised', handlingDays: 3 },
    },
    {
      name: 'a referral from a district department is assigned to a squad with 10 days',
      rule: 'TriageDepartmentReferral',
      inputs: { ...intake, source: 'department-referral', category: '市场监管' },
      expected: { triageLevel: 'routine', dispatchMode: 'assigned', handlingDays: 10 },
    },
    {
      name: 'a kitchen-fume monitor alert is handled directly (直办) within a day',
      rule: 'TriageSensorAlert',
      inputs: { ...intake, source: 'iot-sensor', category: '餐饮油烟' },
      expected: { triageLevel: 'routine', dispatchMode: 'direct', handlingDays: 1 },
    },
    {
      name: 'a patrol finding of a stall on the pavement is handled directly on the spot within 2 days',
      rule: 'TriageFieldFinding',
      inputs: { ...intake, source: 'patrol' },
      expected: { triageLevel: 'routine', dispatchMode: 'direct', handlingDays: 2 },
    },
    {
      name: 'a photo-app report of a matter complained about once before is assigned with 3 days',
      rule: 'TriageComplaintAgain',
      inputs: { ...intake, source: 'photo-app', repeatComplaints: 1 },
      expected: { triageLevel: 'routine', dispatchMode: 'assigned', handlingDays: 3 },
    },
    {
      name: 'a first hotline complaint about street vending is routine and assigned (交办) with 5 days',
      rule: 'TriageDefault',
      inputs: intake,
      expected: { triageLevel: 'routine', dispatchMode: 'assigned', handlingDays: 5 },
    },
  ]);

  const streetVending = '《城市市容和环境卫生管理条例》及本市市容和环境卫生管理地方性法规关于擅自占用城市道路、公共场所设摊经营的罚则';
  const constructionWaste = '《城市建筑垃圾管理规定》（建设部令第139号）关于运输建筑垃圾沿途丢弃、遗撒的罚则';
  const kitchenFumes = '《中华人民共和国大气污染防治法》第一百一十八条第一款（餐饮服务业经营者超过排放标准排放油烟）';
  const signage = '《城市市容和环境卫生管理条例》及本市户外广告设施管理地方性法规关于擅自设置户外广告的罚则';
  const band = (penaltyMinYuan: number, penaltyMaxYuan: number, discretionLevel: string, legalBasis: string) => ({ penaltyMinYuan, penaltyMaxYuan, discretionLevel, legalBasis });

  describeTable('discretion', [
    {
      name: 'a fruit stall briefly on the pavement (minor) is fined 50–150 yuan (从轻)',
      rule: 'StreetVendingMinor',
      inputs: { violationCode: 'street-vending', circumstance: 'minor', areaSqm: null },
      expected: band(50, 150, '从轻', streetVending),
    },
    {
      name: 'ordinary street vending is fined 150–350 yuan (一般)',
      rule: 'StreetVendingOrdinary',
      inputs: { violationCode: 'street-vending', circumstance: 'ordinary', areaSqm: null },
      expected: band(150, 350, '一般', streetVending),
    },
    {
      name: 'street vending that blocks the way or is repeated is fined 350–500 yuan (从重)',
      rule: 'StreetVendingSerious',
      inputs: { violationCode: 'street-vending', circumstance: 'serious', areaSqm: null },
      expected: band(350, 500, '从重', streetVending),
    },
    {
      name: 'a muck truck spilling on 30 m² of road is fined 5,000–15,000 yuan (从轻)',
      rule: 'ConstructionWasteSmallArea',
      inputs: { violationCode: 'construction-waste', circumstance: 'ordinary', areaSqm: 30 },
      expected: band(5000, 15000, '从轻', constructionWaste),
    },
    {
      name: 'a spill of exactly 50 m² already falls in the middle band (一般)',
      rule: 'ConstructionWasteMediumArea',
      inputs: { violationCode: 'construction-waste', circumstance: 'ordinary', areaSqm: 50 },
      expected: band(15000, 35000, '一般', constructionWaste),
    },
    {
      name: 'a muck truck spilling on 120 m² of road is fined 15,000–35,000 yuan (一般)',
      rule: 'ConstructionWasteMediumArea',
      inputs: { violationCode: 'construction-waste', circumstance: 'minor', areaSqm: 120 },
      expected: band(15000, 35000, '一般', constructionWaste),
    },
    {
      name: 'a spill over 200 m² is fined 35,000–50,000 yuan (从重) even when the officer called it minor',
      rule: 'ConstructionWasteLargeArea',
      inputs: { violationCode: 'construction-waste', circumstance: 'minor', areaSqm: 260 },
      expected: band(35000, 50000, '从重', constructionWaste),
    },
    {
      name: 'a repeated spill is fined 35,000–50,000 yuan (从重) whatever its area',
      rule: 'ConstructionWasteSerious',
      inputs: { violationCode: 'construction-waste', circumstance: 'serious', areaSqm: 20 },
      expected: band(35000, 50000, '从重', constructionWaste),
    },
    {
      name: 'a restaurant slightly over the fume limit is fined 5,000–15,000 yuan (从轻)',
      rule: 'KitchenFumesMinor',
      inputs: { violationCode: 'kitchen-fumes', circumstance: 'minor', areaSqm: null },
      expected: band(5000, 15000, '从轻', kitchenFumes),
    },
    {
      name: 'ordinary excess kitchen fumes are fined 15,000–35,000 yuan (一般)',
      rule: 'KitchenFumesOrdinary',
      inputs: { violationCode: 'kitchen-fumes', circumstance: 'ordinary', areaSqm: null },
      expected: band(15000, 35000, '一般', kitchenFumes),
    },
    {
      name: 'a restaurant that keeps exceeding the fume limit is fined 35,000–50,000 yuan (从重)',
      rule: 'KitchenFumesSerious',
      inputs: { violationCode: 'kitchen-fumes', circumstance: 'serious', areaSqm: null },
      expected: band(35000, 50000, '从重', kitchenFumes),
    },
    {
      name: 'an unapproved 10 m² sign is fined 1,000–3,000 yuan (从轻)',
      rule: 'IllegalSignageSmall',
      inputs: { violationCode: 'illegal-signage', circumstance: 'ordinary', areaSqm: 10 },
      expected: band(1000, 3000, '从轻', signage),
    },
    {
      name: 'an unapproved 24 m² billboard is fined 3,000–7,000 yuan (一般)',
      rule: 'IllegalSignageMedium',
      inputs: { violationCode: 'illegal-signage', circumstance: 'ordinary', areaSqm: 24 },
      expected: band(3000, 7000, '一般', signage),
    },
    {
      name: 'an unapproved 45 m² rooftop billboard is fined 7,000–10,000 yuan (从重)',
      rule: 'IllegalSignageLarge',
      inputs: { violationCode: 'illegal-signage', circumstance: 'minor', areaSqm: 45 },
      expected: band(7000, 10000, '从重', signage),
    },
    {
      name: 'a small but unsafe sign that was not removed when ordered is fined 7,000–10,000 yuan (从重)',
      rule: 'IllegalSignageSerious',
      inputs: { violationCode: 'illegal-signage', circumstance: 'serious', areaSqm: 8 },
      expected: band(7000, 10000, '从重', signage),
    },
  ]);

  it('gives no band for an offence outside the discretion standard, so legal review sets it by hand', async () => {
    const { results } = await evaluate('discretion', { violationCode: 'garbage-sorting', circumstance: 'ordinary', areaSqm: null });
    expect(results).toEqual([]);
  });

  const exemption = (exempt: boolean, exemptionType: string) => ({ exempt, exemptionType });

  describeTable('exemption', [
    {
      name: 'a first street-vending violation not corrected when ordered is penalised',
      rule: 'ExemptionNotCorrected',
      inputs: { violationCode: 'street-vending', firstViolation: true, harmMinor: true, harmCaused: false, correctedPromptly: false },
      expected: { ...exemption(false, 'none'), reason: '当事人未及时改正，不适用首违不罚、轻微免罚，依法处罚' },
    },
    {
      name: 'a first muck-truck spill is never exempt: construction waste is not on the list',
      rule: 'ExemptionNotListedConstructionWaste',
      inputs: { violationCode: 'construction-waste', firstViolation: true, harmMinor: true, harmCaused: true, correctedPromptly: true },
      expected: { ...exemption(false, 'none'), reason: '建筑垃圾（渣土）运输遗撒未列入本局不予处罚清单，依法处罚' },
    },
    {
      name: 'a harmless unapproved shop sign taken down at once is exempt (轻微免罚), even if not the first',
      rule: 'ExemptionMinorViolation',
      inputs: { violationCode: 'illegal-signage', firstViolation: false, harmMinor: true, harmCaused: false, correctedPromptly: true },
      expected: {
        ...exemption(true, '轻微免罚'),
        reason: '违法行为轻微并及时改正，没有造成危害后果，依照《中华人民共和国行政处罚法》第三十三条第一款不予行政处罚',
      },
    },
    {
      name: 'a harmless first violation corrected at once is 轻微免罚 (the law says "shall"), not 首违不罚 ("may")',
      rule: 'ExemptionMinorViolation',
      inputs: { violationCode: 'street-vending', firstViolation: true, harmMinor: true, harmCaused: false, correctedPromptly: true },
      expected: exemption(true, '轻微免罚'),
    },
    {
      name: 'a first street-vending violation corrected at once is exempt (首违不罚)',
      rule: 'ExemptionFirstViolation',
      inputs: { violationCode: 'street-vending', firstViolation: true, harmMinor: true, harmCaused: true, correctedPromptly: true },
      expected: {
        ...exemption(true, '首违不罚'),
        reason: '初次违法且危害后果轻微并及时改正，依照《中华人民共和国行政处罚法》第三十三条第一款及本局清单可以不予行政处罚',
      },
    },
    {
      name: 'a restaurant first caught over the fume limit that fixes its purifier at once is exempt (首违不罚)',
      rule: 'ExemptionFirstViolation',
      inputs: { violationCode: 'kitchen-fumes', firstViolation: true, harmMinor: true, harmCaused: true, correctedPromptly: true },
      expected: exemption(true, '首违不罚'),
    },
    {
      name: 'a stall back on the pavement a second time is penalised although it moved at once',
      rule: 'ExemptionNotFirst',
      inputs: { violationCode: 'street-vending', firstViolation: false, harmMinor: true, harmCaused: true, correctedPromptly: true },
      expected: { ...exemption(false, 'none'), reason: '当事人非初次违法，且不符合轻微免罚情形，依法处罚' },
    },
    {
      name: 'a first fume violation whose harm is not minor is penalised',
      rule: 'ExemptionHarmNotMinor',
      inputs: { violationCode: 'kitchen-fumes', firstViolation: true, harmMinor: false, harmCaused: true, correctedPromptly: true },
      expected: { ...exemption(false, 'none'), reason: '违法行为危害后果不属轻微，不适用首违不罚，依法处罚' },
    },
    {
      name: 'an offence not on the list gets no exemption, however minor',
      rule: 'ExemptionNotListed',
      inputs: { violationCode: 'garbage-sorting', firstViolation: true, harmMinor: true, harmCaused: true, correctedPromptly: true },
      expected: { ...exemption(false, 'none'), reason: '该违法行为未列入本局不予处罚清单，依法处罚' },
    },
  ]);
});
