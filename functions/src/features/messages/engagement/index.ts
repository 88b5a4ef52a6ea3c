export { publicMessage, rateMessage, recordView, replyToMessage, shareMessage, isPublic, type EngagementDeps, type ReplyReceipt } from './service.ts';
export { identifyEngager, viewerHash, NO_WARD, type Engager, type RecipientVerifier } from './identity.ts';
export { followUpReasons, FOLLOW_UP_KEYWORDS } from './follow-up.ts';
