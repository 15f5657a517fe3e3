import { randomUUID } from 'node:crypto';
import { ServiceTokenProvider } from '../../src/engine-client/service-token';
import { testConfig } from '../support/backend';
import { engineRest } from './flow-driver';

/**
 * How Camunda 7 resolves a call activity's called definition when the caller is a district variant (deployed with
 * a tenant) and the callee exists only as the shared provincial template. Verified here on the real engine:
 * - without camunda:calledElementTenantId the engine looks only for a callee of the caller definition's own tenant
 *   and fails; there is no fallback to the shared (tenant-less) definition;
 * - with camunda:calledElementTenantId="${null}" it takes the shared template, and DistrictTenantIdProvider keeps the
 *   called instance in the caller's district;
 * - a shared caller (a template) resolves the callee among shared definitions, even for a district's instance.
 */
describe('call activities across tenants on the real engine', () => {
  const suffix = randomUUID().slice(0, 8);
  const callee = `tenancy-callee-${suffix}`;
  const deployments: string[] = [];

  const model = (key: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_${key}" targetNamespace="https://xietong.example/test">
  <bpmn:process id="${key}" name="${key}" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="Start" name="开始" />
    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Step" />
    ${body}
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Step" targetRef="End" />
    <bpmn:endEvent id="End" name="结束" />
  </bpmn:process>
</bpmn:definitions>`;
  const caller = (key: string, tenantAttribute: string) =>
    model(key, `<bpmn:callActivity id="Step" name="调用" calledElement="${callee}"${tenantAttribute}><bpmn:extensionElements><camunda:in source="districtId" target="districtId" /></bpmn:extensionElements></bpmn:callActivity>`);

  async function deploy(name: string, xml: string, tenantId?: string): Promise<void> {
    const { keycloak, api, engine } = testConfig;
    const token = await ServiceTokenProvider.forRealm(keycloak.url, keycloak.realm, api.serviceClient).token();
    const form = new FormData();
    form.set('deployment-name', `tenancy-test-${suffix}-${name}`);
    if (tenantId) form.set('tenant-id', tenantId);
    form.append(`${name}.bpmn`, new Blob([xml]), `${name}.bpmn`);
    const response = await fetch(`${engine.url}/deployment/create`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(response.status).toBe(200);
    deployments.push(((await response.json()) as { id: string }).id);
  }

  const start = (key: string, tenantId: string | null) =>
    engineRest<{ id: string; tenantId: string | null }>('POST', `/process-definition/key/${key}${tenantId ? `/tenant-id/${tenantId}` : ''}/start`, {
      variables: { districtId: { value: 'linan', type: 'String' } },
    });
  const calledInstance = async (processInstanceId: string) =>
    (await engineRest<Array<{ id: string; definitionId: string; tenantId: string | null }>>('GET', `/process-instance?superProcessInstance=${processInstanceId}`))[0];

  beforeAll(async () => {
    await deploy('callee', model(callee, '<bpmn:userTask id="Step" name="被调用的步骤" camunda:candidateGroups="officer" />'));
    await deploy('plain', caller(`tenancy-plain-${suffix}`, ''), 'linan');
    await deploy('shared-tenant', caller(`tenancy-null-${suffix}`, ' camunda:calledElementTenantId="${null}"'), 'linan');
    await deploy('shared-caller', caller(`tenancy-template-${suffix}`, ''));
  });

  afterAll(async () => {
    for (const id of deployments) await engineRest('DELETE', `/deployment/${id}?cascade=true&skipCustomListeners=true`).catch(() => undefined);
  });

  it('a district caller without calledElementTenantId does not fall back to the shared template', async () => {
    await expect(start(`tenancy-plain-${suffix}`, 'linan')).rejects.toThrow(`no processes deployed with key '${callee}' and tenant-id 'linan'`);
  });

  it('a district caller with calledElementTenantId="${null}" gets the shared template, and the called instance stays in its district', async () => {
    const instance = await start(`tenancy-null-${suffix}`, 'linan');
    expect(instance.tenantId).toBe('linan');
    const called = await calledInstance(instance.id);
    expect(called.definitionId).toMatch(new RegExp(`^${callee}:`));
    expect(called.tenantId).toBe('linan');
  });

  it('a shared template calling another resolves it among shared definitions, for a district instance too', async () => {
    const instance = await start(`tenancy-template-${suffix}`, null);
    expect(instance.tenantId).toBe('linan');
    expect((await calledInstance(instance.id)).tenantId).toBe('linan');
  });
});
