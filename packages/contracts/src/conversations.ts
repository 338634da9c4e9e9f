// Filled by the inbox-core work: zod schemas and inferred types for conversations.
export {};
