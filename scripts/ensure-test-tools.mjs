// Before `pnpm test`: make sure the parts the suite drives for real are on this machine —
// Java 17+ for DynamoDB Local and Debian's Chromium for the browser tests. As root on Debian
// it installs Chromium itself (never a browser downloaded by a test tool); otherwise it says how.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
const javaVersion = /version "(\d+)/.exec(`${java.stderr ?? ''}${java.stdout ?? ''}`);
if (java.error || !javaVersion || Number(javaVersion[1]) < 17) {
  console.error('The tests need Java 17+ for DynamoDB Local. Install it, e.g. `apt-get install -y openjdk-17-jre-headless`.');
  process.exit(1);
}

if (!existsSync(CHROMIUM)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('Installing Debian chromium for the browser tests (apt-get install -y chromium)…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } else {
    console.error(`The browser tests need Chromium at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium`);
    process.exit(1);
  }
}
