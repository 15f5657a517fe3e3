import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_MODEL_BYTES } from '../../src/deployments/model-guard/raw-document';
import { ServiceTokenProvider } from '../../src/engine-client/service-token';
import { ApiResponse, tokenFor, urls } from '../support/api';
import { testConfig } from '../support/backend';

/**
 * Issue 6: hostile uploads through POST /api/deployments. Each is refused with a 4xx that names the element (or the
 * rule, for a file refused before it is read as a model); nothing reaches the engine; nothing the attack aims at
 * (a marker file, a local secret, a callback server) is touched. A valid control file then deploys.
 */
const DISTRICT = 'wuxing';
const IT = `${DISTRICT}.district-it`;
const root = join(__dirname, '..', '..');
const fixtures = join(root, 'src', 'deployments', 'model-guard', 'fixtures');
// The one shipped form the fixtures' user tasks name (camunda:formRefBinding="deployment").
const forms = ['intake-triage.form'].map((name) => ({ name, content: readFileSync(join(root, 'bpmn', 'forms', name)) }));

const run = randomUUID().slice(0, 8);
const marker = (what: string) => join(tmpdir(), `xietong-hostile-${run}-${what}`);
const keyFor = (what: string) => `hostile-${what}-${run}`;
const fixture = (name: string, key: string) => readFileSync(join(fixtures, name), 'utf8').replace('id="fixture"', `id="${key}"`);

interface UploadFile {
  name: string;
  content: string | Buffer;
}

async function upload(files: UploadFile[], fields: Record<string, string> = { comment: '恶意上传测试' }): Promise<ApiResponse> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) form.append('file', new Blob([file.content]), file.name);
  const response = await fetch(`${urls.app}/api/deployments`, { method: 'POST', headers: { authorization: `Bearer ${await tokenFor(IT)}` }, body: form });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // keep the text
  }
  return { status: response.status, body };
}

describe('hostile deployments through POST /api/deployments', () => {
  const tokens = ServiceTokenProvider.forRealm(testConfig.keycloak.url, testConfig.keycloak.realm, testConfig.api.serviceClient);
  const engine = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${testConfig.engine.url}${path}`, { headers: { authorization: `Bearer ${await tokens.token()}`, accept: 'application/json' } });
    if (!response.ok) throw new Error(`engine ${response.status} ${path}`);
    return (await response.json()) as T;
  };
  /** Deployments the API ever made for any district, counted by the engine itself. */
  const uploadsInEngine = async () => (await engine<{ count: number }>('/deployment/count?nameLike=xietong-upload-%25')).count;
  const definitionsOf = async (key: string) => (await engine<{ count: number }>(`/process-definition/count?key=${encodeURIComponent(key)}`)).count;

  let callbacks: string[] = [];
  let callbackServer: Server;
  let callbackUrl: string;
  const secret = `XIETONG-SECRET-${run}`;
  const secretFile = marker('secret.txt');

  beforeAll(async () => {
    callbackServer = createServer((req, res) => {
      callbacks.push(`${req.method} ${req.url}`);
      res.end(secret);
    });
    await new Promise<void>((resolve) => callbackServer.listen(0, '127.0.0.1', resolve));
    callbackUrl = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}`;
    writeFileSync(secretFile, secret);
  });
  afterAll(async () => {
    await new Promise((resolve) => callbackServer.close(resolve));
    rmSync(secretFile, { force: true });
    for (const what of ['script', 'runtime', 'listener']) rmSync(marker(what), { force: true });
  });

  interface Attack {
    title: string;
    files: () => UploadFile[];
    key?: string;
    fields?: Record<string, string>;
    status: number;
    named: { elementId?: string | null; rule?: string; field?: string };
    touches?: string[];
  }

  const attacks: Attack[] = [
    {
      title: 'a script task that would write a marker file',
      key: keyFor('script'),
      files: () => [{ name: 'script.bpmn', content: fixture('script-task.bpmn', keyFor('script')).replace('"rm -rf /".execute()', `new File('${marker('script')}').text = 'ran'`) }, ...forms],
      status: 422,
      named: { elementId: 'Step', rule: 'no-script' },
      touches: [marker('script')],
    },
    { title: 'a Java class', key: keyFor('class'), files: () => [{ name: 'class.bpmn', content: fixture('java-class.bpmn', keyFor('class')) }, ...forms], status: 422, named: { elementId: 'Step', rule: 'no-java-class' } },
    {
      title: 'a delegate expression listener',
      key: keyFor('delegate'),
      files: () => [{ name: 'delegate.bpmn', content: fixture('delegate-expression-listener.bpmn', keyFor('delegate')) }, ...forms],
      status: 422,
      named: { elementId: 'Step', rule: 'no-delegate-expression' },
    },
    {
      title: 'an expression listener that would touch a marker file',
      key: keyFor('listener'),
      files: () => [
        {
          name: 'listener.bpmn',
          content: fixture('delegate-expression-listener.bpmn', keyFor('listener')).replace(
            /delegateExpression="[^"]*"/,
            `expression="\${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null).exec('touch ${marker('listener')}')}"`,
          ),
        },
        ...forms,
      ],
      status: 422,
      named: { elementId: 'Step' },
      touches: [marker('listener')],
    },
    { title: 'a connector to the cloud metadata address', key: keyFor('connector'), files: () => [{ name: 'connector.bpmn', content: fixture('connector.bpmn', keyFor('connector')) }, ...forms], status: 422, named: { elementId: 'Step', rule: 'no-connector' } },
    {
      title: 'an XXE that would read a local secret and call back to a local server',
      key: keyFor('xxe'),
      files: () => [
        {
          name: 'xxe.bpmn',
          content: fixture('valid-external-and-user-task.bpmn', keyFor('xxe'))
            .replace('<bpmn:definitions', `<!DOCTYPE bpmn:definitions [ <!ENTITY secret SYSTEM "file://${secretFile}"> <!ENTITY call SYSTEM "${callbackUrl}/xxe"> ]>\n<bpmn:definitions`)
            .replace('name="开始"', 'name="&secret;&call;"'),
        },
        ...forms,
      ],
      status: 422,
      named: { elementId: null, rule: 'no-doctype' },
    },
    { title: 'billion laughs', key: 'lol', files: () => [{ name: 'lol.bpmn', content: readFileSync(join(fixtures, 'billion-laughs.bpmn')) }], status: 422, named: { elementId: null, rule: 'no-doctype' } },
    { title: 'an oversized file', files: () => [{ name: 'huge.bpmn', content: Buffer.alloc(MAX_MODEL_BYTES + 1024, ' ') }], status: 422, named: { rule: 'file-too-large' } },
    { title: 'XML that is not BPMN', files: () => [{ name: 'page.bpmn', content: readFileSync(join(fixtures, 'not-a-model.bpmn')) }], status: 422, named: { elementId: null, rule: 'not-bpmn-or-dmn' } },
    { title: 'a file that is not XML at all', files: () => [{ name: 'text.bpmn', content: readFileSync(join(fixtures, 'not-xml.bpmn')) }], status: 422, named: { elementId: null, rule: 'not-xml' } },
    {
      title: 'an input mapping that calls Runtime to write a marker file',
      key: keyFor('runtime'),
      files: () => [{ name: 'runtime.bpmn', content: fixture('runtime-expression.bpmn', keyFor('runtime')).replace('cat /etc/passwd', `touch ${marker('runtime')}`) }, ...forms],
      status: 422,
      named: { elementId: 'Step', rule: 'unsafe-expression' },
      touches: [marker('runtime')],
    },
    { title: 'a topic no worker serves', key: keyFor('topic'), files: () => [{ name: 'topic.bpmn', content: fixture('unknown-topic.bpmn', keyFor('topic')) }, ...forms], status: 422, named: { elementId: 'Step', rule: 'unknown-topic' } },
    { title: 'a form that does not exist', key: keyFor('form'), files: () => [{ name: 'form.bpmn', content: fixture('user-task-missing-form.bpmn', keyFor('form')) }, ...forms], status: 422, named: { elementId: 'Step', rule: 'unknown-form' } },
    {
      title: 'a deployment that claims another district’s tenant',
      key: keyFor('tenant'),
      files: () => [{ name: 'tenant.bpmn', content: fixture('valid-external-and-user-task.bpmn', keyFor('tenant')) }, ...forms],
      fields: { comment: '冒充嘉善', 'tenant-id': 'jiashan' },
      status: 400,
      named: { field: 'tenant-id' },
    },
  ];

  it.each(attacks.map((a) => [a.title, a] as const))('%s is refused, names what it refused, and reaches nothing', async (_, attack) => {
    const before = await uploadsInEngine();
    const response = await upload(attack.files(), attack.fields);

    expect(response.status).toBe(attack.status);
    const body = response.body as { problems?: Array<{ elementId: string | null; rule: string; message: { zh: string; en: string } }>; details?: Array<{ field: string }> };
    if (attack.named.field) {
      expect(body.details).toContainEqual(expect.objectContaining({ field: attack.named.field }));
    } else {
      const expected: Record<string, unknown> = {};
      if (attack.named.rule) expected.rule = attack.named.rule;
      if (attack.named.elementId !== undefined) expected.elementId = attack.named.elementId;
      expect(body.problems).toContainEqual(expect.objectContaining(expected));
      const named = body.problems!.find((p) => p.elementId && p.elementId === attack.named.elementId);
      if (attack.named.elementId) expect(named?.message.zh).toContain(attack.named.elementId);
    }
    expect(JSON.stringify(body)).not.toContain(secret);

    expect(await uploadsInEngine()).toBe(before);
    if (attack.key) expect(await definitionsOf(attack.key)).toBe(0);
    for (const path of attack.touches ?? []) expect([path, existsSync(path)]).toEqual([path, false]);
  });

  it('no refused upload ever read the local secret or called the local server', () => {
    expect(callbacks).toEqual([]);
    expect(readFileSync(secretFile, 'utf8')).toBe(secret);
  });

  it('a valid control file deploys for the district: the refusals above are the guard, not a broken upload', async () => {
    const key = keyFor('control');
    const before = await uploadsInEngine();
    const response = await upload([{ name: 'control.bpmn', content: fixture('valid-external-and-user-task.bpmn', key) }, ...forms], { comment: '恶意上传测试：对照组' });
    expect(response.status).toBe(201);
    expect((response.body as { definitions: unknown[] }).definitions).toContainEqual(expect.objectContaining({ key, tenantId: DISTRICT }));
    expect(await uploadsInEngine()).toBe(before + 1);
    expect(await definitionsOf(key)).toBe(1);
  });
});
