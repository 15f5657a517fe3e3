import { callApi, eventually } from '../support/api';
import { startComponent, stopComponent } from '../support/stack';

describe('GET /api/health', () => {
  it('reports every component up when the whole stack runs', async () => {
    const response = await callApi('GET', '/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', components: { database: 'up', engine: 'up', keycloak: 'up', workers: 'up' } });
  });

  it('answers 503 and names the component that is down', async () => {
    await stopComponent('test', 'workers');
    try {
      const response = await eventually(async () => {
        const health = await callApi('GET', '/health');
        return health.status === 503 && health;
      }, 'health to notice the workers are gone');
      expect(response.body).toEqual({ status: 'degraded', components: { database: 'up', engine: 'up', keycloak: 'up', workers: 'down' } });
    } finally {
      await startComponent('test', 'workers');
    }
    await eventually(async () => (await callApi('GET', '/health')).status === 200, 'the workers to be back');
  });
});
