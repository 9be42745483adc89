/**
 * Connections that stay open on purpose (the dashboard's event stream). A graceful shutdown
 * waits for requests in flight, but must not wait for these: the server closes them first.
 */
import type { Socket } from 'node:net';

export const longLivedSockets = new Set<Socket>();
