import { Controller, Get, Query } from '@nestjs/common';
import { User } from '../auth/current-user';
import type { CurrentUser } from '../auth/current-user';
import { parseOrThrow } from '../errors/validate';
import { periodSchema } from './metrics.dto';
import { MetricsService } from './metrics.service';

@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** Per district the caller may see (own; all for province-admin) and overall; `from`/`to` limit the intakes by received time. */
  @Get('districts')
  districts(@User() user: CurrentUser, @Query() query: unknown) {
    const { from, to } = parseOrThrow(periodSchema, query ?? {});
    return this.metrics.districts(user, { from: from ? new Date(from) : null, to: to ? new Date(to) : null });
  }
}
