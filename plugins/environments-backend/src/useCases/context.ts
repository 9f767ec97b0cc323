import {
  AuditorService,
  BackstageCredentials,
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type { createEnvironmentRequestSchema } from '@paved/plugin-environments-common';
import { z } from 'zod';
import { EnvironmentAuthorizer } from '../authorization/EnvironmentAuthorizer';
import { ClassPolicy } from '../classes/ClassPolicy';
import { ExceptionsPolicy } from '../config/readEnvironmentsConfig';
import { EnvironmentsStore } from '../database/EnvironmentsStore';
import { EnvironmentLifecycle } from '../lifecycle/EnvironmentLifecycle';
import { ProviderRegistry } from '../providers/ProviderRegistry';
import { SecretBox } from '../secrets/SecretBox';

export type CreateRequest = z.output<typeof createEnvironmentRequestSchema>;

export interface CreateOptions {
  credentials: BackstageCredentials;
  idempotencyKey?: string;
  dryRun?: boolean;
  scaffolderTaskId?: string;
}

/** What every use case works with. */
export interface UseCaseContext {
  store: EnvironmentsStore;
  lifecycle: EnvironmentLifecycle;
  classes: ClassPolicy;
  authorizer: EnvironmentAuthorizer;
  providers: ProviderRegistry;
  secrets: SecretBox;
  catalog: CatalogService;
  auditor: AuditorService;
  /** Approvers are told of waiting requests, requesters of decisions. */
  notifications: NotificationService;
  /** Who is in which group: approvers are members of a request's approver group. */
  userInfo: UserInfoService;
  /** How long baseline exceptions may last, and who decides them by default. */
  exceptions: ExceptionsPolicy;
  logger: LoggerService;
}
