/** The Hono environment shared by every route and middleware. */
import type { HttpBindings } from '@hono/node-server';
import type { Language } from '../contract/errors.js';
import type { RouteId } from '../scenarios/schema.js';
import type { Simulator } from '../simulator/simulator.js';
import type { User } from './auth.js';

export interface AppEnv {
  Bindings: Partial<HttpBindings>;
  Variables: {
    sim: Simulator;
    traceId: string;
    /** performance.now() at the request's arrival, for the envelope's `duration`. */
    arrivedAt: number;
    language: Language;
    /** The scenario this request runs under: the header's, else the server default. */
    scenario: string;
    user: User;
    routeId: RouteId;
    /** Set by batchStopAgents, for the request journal. */
    createdTaskId: number;
    /** Set when no route matched. */
    unmatched: boolean;
    /** The request body, read once by the body middleware. */
    bodyText: string;
  };
}
