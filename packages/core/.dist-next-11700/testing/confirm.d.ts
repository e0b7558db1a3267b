import type { Client, ClientOptions } from '@modelcontextprotocol/client';
/** Client options for a client that can put a form question to its user. */
export declare const CAN_ASK_USER: ClientOptions;
/**
 * Plays the user behind a client declared with CAN_ASK_USER: every approval question gets
 * `answer`. Returns the questions asked, in order, so a test can check what the user saw.
 */
export declare function answerApprovals(client: Client, answer: 'accept' | 'decline' | 'cancel'): string[];
