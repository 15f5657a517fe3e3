import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { District } from './district.entity';

@Injectable()
export class DistrictsService {
  private cache: Map<string, District> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  /** Districts change by migration only, so one read per process is enough. */
  async find(id: string): Promise<District | null> {
    this.cache ??= new Map((await this.dataSource.getRepository(District).find()).map((d) => [d.id, d]));
    return this.cache.get(id) ?? null;
  }
}
