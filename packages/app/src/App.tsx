import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import environmentsPlugin from '@paved/plugin-environments/alpha';
import { catalogGraphModule } from './modules/catalogGraph';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

export default createApp({
  // Discovery (app.packages: all) would find the environments plugin too; naming it
  // here keeps the app working when discovery is narrowed in config.
  features: [
    catalogPlugin,
    environmentsPlugin,
    navModule,
    catalogGraphModule,
    signInModule,
  ],
});
