import type { Logger } from '@aws-lambda-powertools/logger';
import type { Repositories } from '@wardpulse/data';
import { runExportJob } from '../features/exports/run-export.ts';
import { runSendJob, type SendJobDeps } from '../features/messages/send-job.ts';
import type { FileStore } from '../files/index.ts';
import type { JobRequest } from './dispatcher.ts';
import { runImportJob } from '../features/geography/run-import.ts';

export interface JobRunnerDeps {
  repositories: Repositories;
  files: FileStore;
  logger: Logger;
  /** For `send` jobs: the mail sender and link settings (the local stack and tests give them). */
  messaging?: SendJobDeps['messaging'];
  sendOptions?: SendJobDeps['options'];
}

/**
 * Runs a job of any kind with its own runner. The in-process dispatcher (local stack, tests)
 * calls this; in AWS each kind has its own Lambda, whose handler calls its runner directly.
 */
export function runJob(deps: JobRunnerDeps, job: JobRequest): Promise<void> {
  switch (job.type) {
    case 'import':
      return runImportJob(deps, job.id);
    case 'export':
      return runExportJob(deps, job.id);
    case 'send': {
      if (!deps.messaging) return Promise.reject(new Error('send jobs need messaging deps'));
      const { repositories, logger, messaging, sendOptions } = deps;
      return runSendJob({ repositories, messages: repositories.messages, messaging, logger, ...(sendOptions ? { options: sendOptions } : {}) }, job.id).then(() => undefined);
    }
  }
}
