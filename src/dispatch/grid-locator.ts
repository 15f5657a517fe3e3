import type { EntityManager } from 'typeorm';
import { Grid } from './dispatch.entities';

const EARTH_RADIUS_M = 6_371_000;

/** Great-circle distance in metres between two points given in degrees. */
export function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
}

/**
 * The grid an intake falls in: the nearest grid whose radius holds its location, else the grid whose place name
 * appears in its address (the longest name wins, so 商业城 beats a shorter match). Null when neither places it.
 */
export async function locateGrid(
  manager: EntityManager,
  districtId: string,
  intake: { latitude: number | null; longitude: number | null; address: string },
): Promise<Grid | null> {
  const grids = await manager.findBy(Grid, { districtId });
  if (intake.latitude !== null && intake.longitude !== null) {
    const here = { lat: intake.latitude, lng: intake.longitude };
    const inside = grids
      .map((grid) => ({ grid, distance: distanceM(here, { lat: grid.latitude, lng: grid.longitude }) }))
      .filter(({ grid, distance }) => distance <= grid.radiusM)
      .sort((x, y) => x.distance - y.distance);
    if (inside.length) return inside[0].grid;
  }
  const named = grids.filter((grid) => intake.address.includes(grid.addressKeyword)).sort((x, y) => y.addressKeyword.length - x.addressKeyword.length);
  return named[0] ?? null;
}
