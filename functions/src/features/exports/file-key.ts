/** Where an export job's file lives in the FileStore (the `exports/` prefix expires in 7 days in S3). */
export const exportFileKey = (id: string) => `exports/${id}`;
