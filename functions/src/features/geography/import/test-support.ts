import { ImportFileError } from '@wardpulse/domain';

/** Runs a synchronous import step that must fail, and returns its ImportFileError (tests only). */
export function importError(run: () => unknown): ImportFileError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('expected an ImportFileError');
}
