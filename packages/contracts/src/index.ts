export * from './envelope.ts';
export * from './auth.ts';
export * from './channels.ts';
export * from './customers.ts';
export * from './conversations.ts';
export * from './messages.ts';
export * from './media.ts';
export * from './realtime.ts';
