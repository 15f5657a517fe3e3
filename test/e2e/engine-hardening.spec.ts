import { randomUUID } from 'node:crypto';
import { EngineError } from '../../src/engine-client/engine-client';
import { apiEngineClient, testConfig } from '../support/backend';
import { clientCredentialsToken } from '../support/oidc-login';
import { urls } from '../support/api';

const scriptProcess = (id: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs_${id}" targetNamespace="https://xietong.example/test">
  <bpmn:process id="${id}" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="EvilScript" />
    <bpmn:scriptTask id="EvilScript" scriptFormat="javascript"><bpmn:script>java.lang.Runtime.getRuntime().exec("touch /tmp/pwned")</bpmn:script></bpmn:scriptTask>
    <bpmn:sequenceFlow id="F2" sourceRef="EvilScript" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

describe('the engine as a second line behind the API', () => {
  const engine = apiEngineClient();

  it('refuses a model with a script task even from a valid service, naming the element, and deploys nothing', async () => {
    const key = `script-probe-${randomUUID().slice(0, 8)}`;
    const refusal = await engine.deploy('hostile', [{ name: `${key}.bpmn`, content: scriptProcess(key) }], { source: 'test', skipIfUnchanged: false }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(EngineError);
    expect((refusal as EngineError).status).toBe(400);
    expect((refusal as EngineError).message).toContain('EvilScript');
    expect(await engine.latestDefinitionFor(key, 'jiashan')).toBeNull();
  });

  it('refuses a Java-serialized variable', async () => {
    const definition = await engine.latestDefinitionFor('intake-dispatch', 'jiashan');
    const { accessToken } = await clientCredentialsToken({ keycloakUrl: urls.keycloak, realm: 'xietong', clientId: testConfig.api.serviceClient.id, clientSecret: testConfig.api.serviceClient.secret });
    const response = await fetch(`${testConfig.engine.url}/process-definition/${definition!.id}/start`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        variables: {
          districtId: { value: 'jiashan', type: 'String' },
          payload: {
            value: 'rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAx3CAAAABAAAAAAeA==',
            type: 'Object',
            valueInfo: { objectTypeName: 'java.util.HashMap', serializationDataFormat: 'application/x-java-serialized-object' },
          },
        },
      }),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.text()).toMatch(/serializ/i);
  });
});
