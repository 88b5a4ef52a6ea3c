import type { Repositories } from '@wardpulse/data';
import { DEFAULT_FORCE_SETTINGS } from '@wardpulse/domain';

/**
 * Seeds the clearly labelled demo force. Idempotent: running it again changes nothing.
 * Later features (demo geography, surveys, messages) add their seeds here.
 */
export async function seedDemoData(repositories: Repositories): Promise<void> {
  const settings = await repositories.settings.get();
  if (settings.version === 0) {
    await repositories.settings.put(DEFAULT_FORCE_SETTINGS, 'demo-seed', 0).catch((error: unknown) => {
      // Another process seeded first: that is the outcome we wanted.
      if (!(error instanceof Error && error.name === 'ConflictError')) throw error;
    });
  }
}
