import type { Role } from '@wardpulse/domain';

/** Demo staff accounts for the local issuer, one per role. Local only; never deployed. */
export interface DemoAccount {
  id: string;
  username: string;
  email: string;
  name: string;
  password: string;
  groups: Role[];
}

export const DEMO_PASSWORD = 'wardpulse-demo';

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { id: 'demo-admin', username: 'admin', email: 'admin@demo.wardpulse.test', name: 'Ada Admin (demo)', password: DEMO_PASSWORD, groups: ['admin'] },
  { id: 'demo-officer', username: 'officer', email: 'officer@demo.wardpulse.test', name: 'Owen Officer (demo)', password: DEMO_PASSWORD, groups: ['officer'] },
  { id: 'demo-analyst', username: 'analyst', email: 'analyst@demo.wardpulse.test', name: 'Anita Analyst (demo)', password: DEMO_PASSWORD, groups: ['analyst'] },
];
