export { MailError, type MailFailureKind, type MailSender, type OutgoingMail } from './mail-sender.ts';
export { classifySesError, SesMailSender, type SesMailSenderOptions } from './ses-mail-sender.ts';
export { OutboxMailSender, type OutboxEntry, type OutboxMail } from './outbox-mail-sender.ts';
export { linkBuilder, type MessagingDeps } from './messaging.ts';
export { renderConfirmationMail, renderMessageMail, unsubscribeHeaders, type RenderedMail } from './templates.ts';
export { localLinkSecret } from './local.ts';
export { wireMessaging, type AppMessaging } from './wiring.ts';
export { suppressionsFromSesEvent, type Suppression } from './ses-events.ts';
