import { Controller, Get, Inject } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { DistrictsService } from '../districts/districts.service';
import { Public } from './auth.guard';
import { User } from './current-user';
import type { CurrentUser } from './current-user';

/** What the UI needs to sign in, and who it signed in as. */
@Controller()
export class SessionController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly districts: DistrictsService,
  ) {}

  @Public()
  @Get('ui-config')
  uiConfig() {
    return { keycloakUrl: this.config.keycloak.publicUrl, realm: this.config.keycloak.realm, clientId: this.config.api.uiClientId };
  }

  @Get('me')
  async me(@User() user: CurrentUser) {
    const district = await this.districts.find(user.district);
    return { ...user, districtName: district?.name ?? user.district };
  }
}
