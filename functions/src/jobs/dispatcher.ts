import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';

/** Starts a background job. In AWS: an asynchronous Lambda invocation; locally: in this process. */
export interface JobDispatcher {
  dispatch(job: { type: 'import'; id: string }): Promise<void>;
}

export class LambdaJobDispatcher implements JobDispatcher {
  constructor(
    private readonly lambda: LambdaClient,
    private readonly functionName: string,
  ) {}

  async dispatch(job: { type: 'import'; id: string }) {
    await this.lambda.send(new InvokeCommand({ FunctionName: this.functionName, InvocationType: 'Event', Payload: new TextEncoder().encode(JSON.stringify(job)) }));
  }
}

/** Runs jobs in the background of this process, one at a time, like a queue of depth one. */
export class InProcessJobDispatcher implements JobDispatcher {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly run: (job: { type: 'import'; id: string }) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  dispatch(job: { type: 'import'; id: string }) {
    this.queue = this.queue.then(() => this.run(job)).catch(this.onError);
    return Promise.resolve();
  }

  /** Resolves when every dispatched job has finished (tests and shutdown). */
  idle(): Promise<void> {
    return this.queue;
  }
}
