import type { MetricsReport } from '../../../src/metrics/metrics.dto';
import type { ApiClient } from '../api/api-client';

export type { DistrictFigures, MetricsReport } from '../../../src/metrics/metrics.dto';

/** `GET /api/metrics/districts`: the caller's district, or every district for a province admin. */
export const districtMetrics = (api: ApiClient, signal?: AbortSignal) => api.get<MetricsReport>('/metrics/districts', signal);
