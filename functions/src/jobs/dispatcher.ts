import type { LambdaClient } from '@aws-sdk/client-lambda';
import { UnavailableError } from '@wardpulse/domain';
import { lazyOnce } from '../lazy.ts';

/** The kinds of background job; each has its own runner (and, in AWS, its own Lambda). */
export type JobType = 'import' | 'export' | 'send';

/** What a job runner is handed: which kind, and the id of the job record it works on. */
export interface JobRequest {
  type: JobType;
  id: string;
}

/** Starts a background job. In AWS: an asynchronous Lambda invocation; locally: in this process. */
export interface JobDispatcher {
  dispatch(job: JobRequest): Promise<void>;
}

export class LambdaJobDispatcher implements JobDispatcher {
  /**
   * @param lambda the client, or how to make it on the first dispatch: most requests of the staff
   * function start no job, so its Lambda client is not loaded at cold start.
   */
  private readonly client: () => Promise<LambdaClient>;

  constructor(
    lambda: LambdaClient | (() => Promise<LambdaClient>),
    /** The function that runs each kind of job. */
    private readonly functionNames: Partial<Record<JobType, string>>,
  ) {
    this.client = typeof lambda === 'function' ? lazyOnce(lambda) : () => Promise.resolve(lambda);
  }

  async dispatch(job: JobRequest) {
    const functionName = this.functionNames[job.type];
    if (!functionName) throw new UnavailableError(`No background function is configured for ${job.type} jobs.`, 'jobs.not_configured');
    const [{ InvokeCommand }, lambda] = await Promise.all([import('@aws-sdk/client-lambda'), this.client()]);
    await lambda.send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: new TextEncoder().encode(JSON.stringify(job)) }));
  }

}

/** Runs jobs in the background of this process, one at a time, like a queue of depth one. */
export class InProcessJobDispatcher implements JobDispatcher {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly run: (job: JobRequest) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  dispatch(job: JobRequest) {
    this.queue = this.queue.then(() => this.run(job)).catch(this.onError);
    return Promise.resolve();
  }

  /** Resolves when every dispatched job has finished (tests and shutdown). */
  idle(): Promise<void> {
    return this.queue;
  }
}
