export { startLocalStack, type LocalStack, type LocalStackOptions } from './stack.ts';
export { startLocalIssuer, LOCAL_CLIENT_ID, type LocalIssuer } from './oidc-issuer.ts';
export { startLocalServer } from './server.ts';
export { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.ts';
export { seedDemoData } from './seed.ts';
export { random } from './random.ts';
