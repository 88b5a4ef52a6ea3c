/**
 * Loads something on first use and shares it: one rule for the heavy clients the Lambdas import
 * only when a request needs them (SES, S3, Lambda). A failed load is forgotten, so the next use
 * tries again instead of failing for the rest of the process's life.
 * @example
 * const s3 = lazyOnce(async () => new (await import('@aws-sdk/client-s3')).S3Client({}));
 * await (await s3()).send(…);
 */
export function lazyOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
