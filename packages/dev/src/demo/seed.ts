import { Readable } from 'node:stream';
import type { Repositories } from '@wardpulse/data';
import { DEFAULT_FORCE_SETTINGS } from '@wardpulse/domain';
import { importAreas, importBoundaries, importPostcodes } from '@wardpulse/functions/geo-import';
import { buildDemoGeography } from './geography.ts';
import { seedDemoSurveys } from './surveys.ts';
import { seedDemoMessages } from './messages.ts';
import { seedDemoSignups } from './signups.ts';

const ACTOR = 'demo-seed';

/**
 * Seeds the clearly labelled demo force. Idempotent: running it again changes nothing, and it
 * never touches a force whose administrator has imported real geography.
 */
export async function seedDemoData(repositories: Repositories, options: { responsesPerSurvey?: number; signups?: number } = {}): Promise<void> {
  const settings = await repositories.settings.get();
  if (settings.version === 0) {
    await repositories.settings.put(DEFAULT_FORCE_SETTINGS, ACTOR, 0).catch((error: unknown) => {
      // Another process seeded first: that is the outcome we wanted.
      if (!(error instanceof Error && error.name === 'ConflictError')) throw error;
    });
  }
  if (!(await repositories.geography.currentVintage())) {
    const demo = buildDemoGeography();
    await importBoundaries(repositories, demo.boundaries, { vintage: '2025-05', source: 'WardPulse demo geography (generated, not real)', actor: ACTOR, demo: true });
    await importPostcodes({
      repositories,
      open: () => Readable.from([demo.postcodes]),
      fileName: 'demo-postcodes.csv',
      options: { lookupVintage: '2025-05' },
      actor: ACTOR,
    });
    await importAreas(repositories, demo.impactAreas, { kind: 'impact-area', actor: ACTOR });
  }
  await seedDemoSurveys(repositories, options);
  await seedDemoSignups(repositories, options.signups ?? 0);
  await seedDemoMessages(repositories);
}
