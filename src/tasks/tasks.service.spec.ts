import type { DataSource } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { CurrentUser } from '../auth/current-user';
import type { EngineClient, EngineTask, ProcessVariable } from '../engine-client/engine-client';
import type { Intake } from '../intakes/intake.entity';
import { TasksService } from './tasks.service';

const user: CurrentUser = { username: 'wucheng.legal-reviewer', name: '法制审核员', district: 'wucheng', roles: ['legal-reviewer', 'officer'] };

const task = (id: string, processInstanceId: string, key: string): EngineTask => ({
  id,
  name: id,
  assignee: null,
  created: '2026-11-29T08:00:00.000+0000',
  due: null,
  taskDefinitionKey: id,
  processInstanceId,
  processDefinitionId: `${key}:1:abc`,
  tenantId: 'wucheng',
  formKey: null,
  camundaFormRef: null,
});

const variable = (processInstanceId: string, name: string, value: unknown, executionId = processInstanceId): ProcessVariable => ({ name, type: 'String', value, processInstanceId, executionId, state: 'CREATED' });

function given(tasks: EngineTask[], intakes: Partial<Intake>[], variables: ProcessVariable[]) {
  const calls: Array<{ ids: string[]; names: string[]; tenant: string }> = [];
  const engine = {
    queryTasks: async () => tasks,
    processVariables: async (ids: string[], names: string[], tenant: string) => {
      calls.push({ ids, names, tenant });
      return variables.filter((v) => ids.includes(v.processInstanceId));
    },
    taskVariables: async () => ({ title: { type: 'String', value: '信用修复申请：某餐饮店' }, caseNumber: { type: 'String', value: 'WC-XF-2026-0002' } }),
    deployedForm: async () => null,
  } as unknown as EngineClient;
  const dataSource = { getRepository: () => ({ findBy: async () => intakes }) } as unknown as DataSource;
  return { sut: new TasksService(dataSource, engine, {} as AuditService), calls };
}

describe(TasksService.name, () => {
  it('labels tasks of flows without an intake row from their title and caseNumber variables, with one engine query per page', async () => {
    const { sut, calls } = given(
      [task('Triage', 'pi-intake', 'intake-dispatch'), task('LegalReview', 'pi-review', 'case-review'), task('Decide', 'pi-repair', 'credit-repair'), task('Sign', 'pi-review', 'case-review')],
      [{ processInstanceId: 'pi-intake', businessKey: 'bk-1', caseNumber: 'WC-2026-000001', title: '随手拍：夜间施工噪音' }],
      [
        variable('pi-review', 'title', '立案审核：无证经营'),
        variable('pi-review', 'caseNumber', 'WC-CF-2026-0001'),
        variable('pi-review', 'title', '子流程里的局部标题', 'sub-execution'),
        variable('pi-repair', 'title', '信用修复申请：某餐饮店'),
      ],
    );

    const list = await sut.list(user);

    expect(calls).toEqual([{ ids: ['pi-review', 'pi-repair'], names: ['title', 'caseNumber'], tenant: 'wucheng' }]);
    expect(list.map((t) => [t.taskDefinitionKey, t.title, t.caseNumber, t.businessKey])).toEqual([
      ['Triage', '随手拍：夜间施工噪音', 'WC-2026-000001', 'bk-1'],
      ['LegalReview', '立案审核：无证经营', 'WC-CF-2026-0001', null],
      ['Decide', '信用修复申请：某餐饮店', null, null],
      ['Sign', '立案审核：无证经营', 'WC-CF-2026-0001', null],
    ]);
  });

  it('asks the engine nothing extra when every task has an intake row', async () => {
    const { sut, calls } = given([task('Triage', 'pi-intake', 'intake-dispatch')], [{ processInstanceId: 'pi-intake', businessKey: 'bk-1', caseNumber: null, title: '占道经营' }], []);
    await sut.list(user);
    expect(calls).toEqual([]);
  });

  it('shows the title and case number of a credit repair task in its detail', async () => {
    const { sut } = given([task('Decide', 'pi-repair', 'credit-repair')], [], []);
    const detail = await sut.detail(user, 'Decide');
    expect(detail).toEqual(expect.objectContaining({ title: '信用修复申请：某餐饮店', caseNumber: 'WC-XF-2026-0002', case: null }));
  });
});
