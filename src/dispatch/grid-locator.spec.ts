import type { EntityManager } from 'typeorm';
import { Grid } from './dispatch.entities';
import { distanceM, locateGrid } from './grid-locator';

const grid = (id: string, fields: Partial<Grid>): Grid =>
  ({ id, districtId: 'jiashan', name: id, addressKeyword: id, latitude: 0, longitude: 0, radiusM: 1000, liaisonStation: null, squadId: null, ...fields }) as Grid;

const grids = [
  grid('luoxing', { name: '罗星街道亭桥社区网格', addressKeyword: '罗星街道', latitude: 30.8415, longitude: 120.9262, radiusM: 2500, squadId: 'js-luoxing' }),
  grid('xitang', { name: '西塘镇古镇景区网格', addressKeyword: '西塘镇', latitude: 30.9445, longitude: 120.8877, radiusM: 2500, squadId: 'js-xitang' }),
  grid('xitang-old-street', { name: '西塘镇烟雨长廊网格', addressKeyword: '西塘镇烟雨长廊', latitude: 30.946, longitude: 120.889, radiusM: 300, squadId: 'js-xitang' }),
];
const manager = { findBy: async () => grids } as unknown as EntityManager;

describe(locateGrid.name, () => {
  it('measures about 111 km per degree of latitude', () => {
    expect(distanceM({ lat: 30, lng: 120 }, { lat: 31, lng: 120 })).toBeCloseTo(111_195, -2);
  });

  it('puts an intake with a location in the nearest grid whose radius holds it', async () => {
    const sut = await locateGrid(manager, 'jiashan', { latitude: 30.9461, longitude: 120.8891, address: '嘉善县罗星街道' });
    expect(sut?.id).toBe('xitang-old-street');
  });

  it('falls back to the longest place name in the address when the location is outside every grid or missing', async () => {
    expect((await locateGrid(manager, 'jiashan', { latitude: 31.5, longitude: 121.5, address: '嘉善县西塘镇烟雨长廊5号' }))?.id).toBe('xitang-old-street');
    expect((await locateGrid(manager, 'jiashan', { latitude: null, longitude: null, address: '嘉善县西塘镇南苑路' }))?.id).toBe('xitang');
  });

  it('finds no grid for an intake outside every grid and with no known place in its address', async () => {
    expect(await locateGrid(manager, 'jiashan', { latitude: null, longitude: null, address: '嘉善县干窑镇' })).toBeNull();
  });
});
